namespace BenchCluster.Reporting.Records;

/// <summary>A per-request (or per-token) latency of a result's headline stage in milliseconds, pooled over repetitions.</summary>
public sealed record LatencySummary
{
    public required int Count { get; init; }
    public double? Mean { get; init; }
    public double? P50 { get; init; }
    public double? P90 { get; init; }
    public double? P99 { get; init; }
}
