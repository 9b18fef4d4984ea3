namespace BenchCluster.Reporting.Comparing;

/// <summary>
/// One latency percentile of a point on both sides (lower is better). Shown for information: the stored result keeps
/// one pooled percentile per side, not one per repetition, so no test of significance is made and it never counts as
/// a regression by itself.
/// </summary>
public sealed record LatencyComparison
{
    /// <summary>ttft_ms, tpot_ms, itl_ms or e2el_ms.</summary>
    public required string Metric { get; init; }
    /// <summary>p50 or p99.</summary>
    public required string Percentile { get; init; }
    public required double Base { get; init; }
    public required double New { get; init; }
    /// <summary>New ÷ base; above 1 is slower. Null when base is 0.</summary>
    public double? Ratio { get; init; }
    /// <summary>New is higher than base by more than the threshold.</summary>
    public required bool IsWorse { get; init; }
}
