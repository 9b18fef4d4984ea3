using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Reports;

/// <summary>
/// Everything a run's report is built from, already read from the database: the builder does no I/O, so the CLI, the
/// HTTP API and the web pages build the same report from the same data.
/// </summary>
public sealed record ReportInput
{
    public required RunProgressRow Run { get; init; }
    public required IReadOnlyList<ResultRecord> Records { get; init; }
    /// <summary>Per-request rows (TTFT distribution); empty leaves that plot out.</summary>
    public IReadOnlyList<RequestRow> Requests { get; init; } = [];
    /// <summary>Inter-token gaps (ITL distribution); empty leaves that plot out.</summary>
    public IReadOnlyList<InterTokenGapRow> InterTokenGaps { get; init; } = [];
    /// <summary>Latency at each offered rate; null takes the records' headline stages (no sweep stages).</summary>
    public IReadOnlyList<RateLatencyPoint>? RatePoints { get; init; }
    /// <summary>This run (NEW) against a base run; null leaves the comparison section out.</summary>
    public ComparisonReport? Comparison { get; init; }
    /// <summary>When the report was made; shown in its header.</summary>
    public DateTimeOffset GeneratedAt { get; init; } = DateTimeOffset.UtcNow;
}
