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
    /// <summary>The quality axis: mean KL-divergence of the model file against its reference on this node; null when not measured.</summary>
    public double? KlDivergence { get; init; }
    public double? DeltaPerplexity { get; init; }
    /// <summary>Share of tokens with the reference's top token, 0..1.</summary>
    public double? Top1Agreement { get; init; }
    /// <summary>True when every quality bound holds (or none was given).</summary>
    public bool MeetsQuality { get; init; } = true;
    /// <summary>
    /// Why the row is not a candidate: INVALID, an SLO bound missed or not measured, a quality bound missed or quality
    /// not measured.
    /// </summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];
    public required bool OnFrontier { get; init; }
    /// <summary>Why a candidate that is not the best lost to it, e.g. "dearer: 0.031 > 0.012 $/1M tok"; null for the best and the excluded.</summary>
    public string? LostBecause { get; init; }
    public bool IsCandidate => Excluded.Count == 0;
}
