namespace BenchCluster.Storage.Results;

/// <summary>
/// A quality point's figures as the results table stores them (V011, docs/outputs.md): perplexity, the comparison
/// with the reference, task accuracy and what they were measured on. Uncertainties are one standard error; shares
/// are 0..1. Reference and task figures are null where the point had none.
/// </summary>
public sealed record QualityColumns
{
    public required string CorpusName { get; init; }
    public required string CorpusSha256 { get; init; }
    public required int ContextTokens { get; init; }
    public required int Windows { get; init; }
    public required long ScoredTokens { get; init; }
    /// <summary>Scores of a synthetic model: the numerical fidelity of random weights, not a model's quality.</summary>
    public required bool IsSynthetic { get; init; }
    public required double Perplexity { get; init; }
    public required double PerplexityError { get; init; }
    public string? ReferenceName { get; init; }
    public string? ReferenceSha256 { get; init; }
    public double? ReferencePerplexity { get; init; }
    public double? ReferencePerplexityError { get; init; }
    public double? DeltaPerplexity { get; init; }
    public double? DeltaPerplexityError { get; init; }
    public double? KlDivergenceMean { get; init; }
    public double? KlDivergenceMeanError { get; init; }
    public double? KlDivergenceMedian { get; init; }
    public double? KlDivergenceP99 { get; init; }
    public double? KlDivergenceMax { get; init; }
    public double? Top1Agreement { get; init; }
    public double? Top1AgreementError { get; init; }
    public string? TaskSha256 { get; init; }
    public int? TaskCount { get; init; }
    public double? TaskAccuracy { get; init; }
    public double? TaskAccuracyError { get; init; }
}
