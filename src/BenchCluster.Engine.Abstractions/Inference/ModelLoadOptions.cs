namespace BenchCluster.Engine.Inference;

/// <summary>How a model is loaded. GPU offload is a property of the loaded model in llama.cpp, not of a session.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>Layers offloaded to a GPU; 0 = CPU only, -1 = all. A request above 0 on a CPU-only build is an error.</summary>
    public int GpuLayers { get; init; }
    public bool UseMmap { get; init; } = true;
}
