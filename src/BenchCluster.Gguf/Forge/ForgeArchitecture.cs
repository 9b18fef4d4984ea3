namespace BenchCluster.Gguf.Forge;

/// <summary>Model architectures the forge can shape (the llama.cpp architecture names "qwen2" and "llama").</summary>
public enum ForgeArchitecture
{
    Qwen2,
    Llama,
}
