namespace BenchCluster.Reporting.Comparing;

/// <summary>One point (same point key on the same node) in BASE and NEW: means, ratio, significance and verdict.</summary>
public sealed record PointComparison
{
    public required string PointKey { get; init; }
    public required string PointLabel { get; init; }
    public required string Node { get; init; }
    public required string Model { get; init; }
    public required string Scenario { get; init; }
    public required string ScenarioKind { get; init; }
    /// <summary>The compared metric, e.g. tokens_per_s (pp/tg/pg) or output_token_throughput (request-level); higher is better.</summary>
    public string? HeadlineMetric { get; init; }
    public double? BaseMean { get; init; }
    public double? NewMean { get; init; }
    /// <summary>New mean ÷ base mean: 0.90 means NEW is 10 % slower.</summary>
    public double? Ratio { get; init; }
    /// <summary>(Ratio − 1) × 100.</summary>
    public double? ChangePercent { get; init; }
    /// <summary>The headline of each stored repetition; empty when the run predates stored repetitions.</summary>
    public IReadOnlyList<double> BaseValues { get; init; } = [];
    public IReadOnlyList<double> NewValues { get; init; } = [];
    /// <summary>"welch-t" or "mann-whitney-u" (two-sided); null when no test could be made.</summary>
    public string? Test { get; init; }
    public double? PValue { get; init; }
    /// <summary>1 − p-value: how sure the test is that the means differ.</summary>
    public double? Confidence { get; init; }
    public required ComparisonVerdict Verdict { get; init; }
    /// <summary>
    /// Slower beyond the threshold and the test says the difference is real, or (quality points) a quality figure worse
    /// beyond the threshold by more than its standard errors allow.
    /// </summary>
    public required bool IsRegression { get; init; }
    /// <summary>Why the verdict is Unknown, or anything else a reader must know, e.g. "repetitions not stored: significance unknown".</summary>
    public string? Note { get; init; }
    /// <summary>VALID or INVALID on each side: a comparison against an INVALID result deserves suspicion.</summary>
    public required string BaseValidity { get; init; }
    public required string NewValidity { get; init; }
    public IReadOnlyList<LatencyComparison> Latency { get; init; } = [];
    /// <summary>A quality point's scores on both sides; empty for speed points (their quality is the quality point's).</summary>
    public IReadOnlyList<QualityComparison> Quality { get; init; } = [];
    /// <summary>Why quality was not compared (other corpus, context or reference; measured on one side only).</summary>
    public string? QualityNote { get; init; }
}
