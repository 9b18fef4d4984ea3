namespace BenchCluster.Reporting.Records;

/// <summary>Where a result's numbers came from, flattened for tables; the stored provenance JSON has the rest.</summary>
public sealed record ResultProvenance
{
    public required DateTimeOffset CreatedAt { get; init; }
    public string? BenchClusterVersion { get; init; }
    public string? BenchClusterCommit { get; init; }
    /// <summary>e.g. "llama.cpp v0.5.0 (de3ff81) via @node-llama-cpp/linux-x64@3.22.1"; null for endpoints.</summary>
    public string? Engine { get; init; }
    public string? Backend { get; init; }
    public string? Cpu { get; init; }
    public IReadOnlyList<string> NodesThatRan { get; init; } = [];
    /// <summary>The most CPU other processes used while a repetition was measured, in percent of one core; null when not recorded.</summary>
    public double? BackgroundCpuPercent { get; init; }
    /// <summary>Nonvoluntary context switches of the engine's threads over all measured windows; null when not recorded.</summary>
    public long? EngineInvoluntarySwitches { get; init; }
}
