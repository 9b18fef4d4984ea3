namespace BenchCluster.Engine.Inference;

/// <summary>Which engine build produced a number: stored with every result (engine builds change results).</summary>
public sealed record EngineBuildInfo
{
    /// <summary>e.g. "llama.cpp".</summary>
    public required string Engine { get; init; }
    /// <summary>e.g. "v0.5.0 (de3ff81) via @node-llama-cpp/linux-x64@3.22.1".</summary>
    public required string Version { get; init; }
    /// <summary>llama_print_system_info() output: instruction sets compiled in and used.</summary>
    public required string SystemInfo { get; init; }
    /// <summary>Backend devices registered, e.g. ["CPU: AMD EPYC ... (ggml-cpu-zen4)"].</summary>
    public required IReadOnlyList<string> Devices { get; init; }
    public required bool SupportsGpuOffload { get; init; }
}
