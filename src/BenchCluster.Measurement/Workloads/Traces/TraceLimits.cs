namespace BenchCluster.Measurement.Workloads.Traces;

/// <summary>Bounds on a trace file, checked while streaming it.</summary>
public sealed record TraceLimits
{
    /// <summary>A week of the public Azure traces is a few hundred MB of CSV.</summary>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;
    /// <summary>Rows read at most, before and inside the window together.</summary>
    public int MaxRowsScanned { get; init; } = 50_000_000;
    /// <summary>Requests replayed when the trace gives no max_requests.</summary>
    public int DefaultMaxRequests { get; init; } = 100_000;
    public int MaxLineChars { get; init; } = 4096;
    public int MaxColumns { get; init; } = 64;

    public static TraceLimits Default { get; } = new();
}
