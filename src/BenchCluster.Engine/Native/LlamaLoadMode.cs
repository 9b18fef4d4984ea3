namespace BenchCluster.Engine.Native;

/// <summary>enum llama_load_mode (the subset we set).</summary>
internal enum LlamaLoadMode
{
    /// <summary>mmap where the device allows it: llama-bench's default.</summary>
    Auto = -1,
    None = 0,
    Mmap = 1,
}
