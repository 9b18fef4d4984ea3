namespace BenchCluster.Measurement.Suite;

/// <summary>When a result is VALID; docs/metrics.md explains each rule and why its default is what it is.</summary>
public sealed record ValidityThresholds
{
    /// <summary>Each repetition's measured part must last this long (MLPerf uses 600 s; 0 turns the rule off).</summary>
    public double MinDurationSeconds { get; init; }
    /// <summary>Successful measured samples needed, pooled over repetitions.</summary>
    public int MinSamples { get; init; } = 3;
    /// <summary>Highest coefficient of variation of the headline throughput over repetitions.</summary>
    public double MaxCv { get; init; } = 0.10;
    /// <summary>Highest share of failed requests.</summary>
    public double MaxErrorRate { get; init; } = 0.01;
    /// <summary>How far a request's output token count may be from the requested count.</summary>
    public int OutputTokenTolerance { get; init; }
    /// <summary>Open loop: the achieved send rate may fall short of the requested rate by this fraction at most.</summary>
    public double MaxRateShortfall { get; init; } = 0.01;
    /// <summary>Open loop: the p99 of (sent − scheduled) may not exceed this.</summary>
    public double MaxSendLagMs { get; init; } = 10;
    /// <summary>Confidence level of intervals and of the percentile sample-size rule.</summary>
    public double Confidence { get; init; } = 0.95;

    public static ValidityThresholds Default { get; } = new();
}
