namespace BenchCluster.Reporting.Comparing;

/// <summary>
/// One quality figure of a quality point on both sides (docs/compare.md, "Quality points"): perplexity, mean
/// KL-divergence, top-1 agreement or task accuracy, each with its standard error. Worse when it moved the bad way by
/// more than the threshold and by more than the errors allow at the significance level; a worse figure is a regression.
/// </summary>
public sealed record QualityComparison
{
    /// <summary>perplexity, kld_mean, top1_agreement or task_accuracy.</summary>
    public required string Metric { get; init; }
    public required double Base { get; init; }
    public required double New { get; init; }
    public double? BaseError { get; init; }
    public double? NewError { get; init; }
    /// <summary>True for perplexity and KL-divergence (higher is worse), false for top-1 and accuracy.</summary>
    public required bool HigherIsWorse { get; init; }
    /// <summary>(New − base) ÷ base × 100; null when base is 0.</summary>
    public double? ChangePercent { get; init; }
    /// <summary>|New − base| in combined standard errors √(σ_base² + σ_new²); null when neither side has an error.</summary>
    public double? Z { get; init; }
    public required bool IsWorse { get; init; }
    public required bool IsBetter { get; init; }
}
