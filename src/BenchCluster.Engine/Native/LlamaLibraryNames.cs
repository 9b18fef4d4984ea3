namespace BenchCluster.Engine.Native;

/// <summary>
/// Logical library names used in [LibraryImport]; <see cref="LlamaLibraryLoader"/> maps each to the file in the
/// libraries folder (the npm package names them libllama.v0.5.0.so, libggml.v0.5.0.so, libggml-base.so).
/// </summary>
internal static class LlamaLibraryNames
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";
    public const string GgmlBase = "ggml-base";

    /// <summary>Load order: each library's dependencies come before it.</summary>
    public static readonly string[] LoadOrder = [GgmlBase, Ggml, Llama];
}
