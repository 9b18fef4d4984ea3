namespace BenchCluster.Engine.Native;

/// <summary>The llama.cpp native libraries are missing or unusable; the message names the folder and the install command.</summary>
public sealed class LlamaLibraryException : Exception
{
    public LlamaLibraryException(string message, string folder, Exception? inner = null) : base(message, inner)
    {
        Folder = folder;
    }

    /// <summary>The folder that was searched.</summary>
    public string Folder { get; }
}
