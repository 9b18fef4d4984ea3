using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Selecting;

/// <summary>One configuration as the selection saw it: its axes, whether it meets the SLO, and whether it is on the frontier.</summary>
public sealed record BestRow
{
    public required ResultRecord Result { get; init; }
    /// <summary>US dollars per 1M tokens (blended where the scenario has input and output); null when unpriced.</summary>
    public double? UsdPerMTok { get; init; }
    public double? TokensPerSecond { get; init; }
    /// <summary>The latency axis in ms at the SLO's percentile: E2E latency for request-level scenarios, inter-token latency for tg/pg.</summary>
    public double? LatencyMs { get; init; }
    public required bool MeetsSlo { get; init; }
    /// <summary>Why the row is not a candidate: INVALID, an SLO bound missed or not measured.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];
    public required bool OnFrontier { get; init; }
    public bool IsCandidate => Excluded.Count == 0;
}
