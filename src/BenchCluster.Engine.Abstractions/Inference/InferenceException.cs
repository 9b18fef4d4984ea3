namespace BenchCluster.Engine.Inference;

/// <summary>An inference request or model that cannot be served; the message names the input, the problem and the fix.</summary>
public sealed class InferenceException : Exception
{
    public InferenceException(string message, InferenceErrorKind kind, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
    }

    public InferenceErrorKind Kind { get; }
}

public enum InferenceErrorKind
{
    /// <summary>A setting or argument out of range (threads, token counts, sequence ids, token ids).</summary>
    InvalidArgument,
    /// <summary>The model path is missing, a directory, or not a valid GGUF file.</summary>
    InvalidModelFile,
    /// <summary>The file is valid but this llama.cpp build cannot run it (unknown architecture, GPU on a CPU-only build).</summary>
    Unsupported,
    /// <summary>The tokens do not fit the context.</summary>
    ContextFull,
    /// <summary>llama.cpp failed where valid input should have worked.</summary>
    NativeFailure,
}
