namespace BenchCluster.Measurement.Suite;

/// <summary>
/// Service-level objectives. A request is "good" when it succeeded and meets every bound given (vLLM goodput);
/// the SLOs are met when the share of good requests reaches <see cref="Attainment"/>.
/// </summary>
public sealed record SloSpec
{
    public const double DefaultAttainment = 0.99;

    public double? TtftMs { get; init; }
    public double? TpotMs { get; init; }
    public double? E2elMs { get; init; }
    /// <summary>Share of requests that must be good, e.g. 0.99: also the percentile each bound is checked at (p99).</summary>
    public double Attainment { get; init; } = DefaultAttainment;

    public bool HasBounds => TtftMs is not null || TpotMs is not null || E2elMs is not null;
}
