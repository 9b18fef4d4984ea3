namespace BenchCluster.Measurement.Quality;

/// <summary>
/// What one quality job measured (docs/quality.md): perplexity over the corpus, agreement with the reference model
/// when there is one, task accuracy when a task file is named. Uncertainties are one standard error, as
/// llama-perplexity prints them. On a synthetic model these are the numerical fidelity of random weights, never a
/// model's quality (<see cref="IsSyntheticModel"/>).
/// </summary>
public sealed record QualityMeasurement
{
    public required string CorpusName { get; init; }
    public required string CorpusSha256 { get; init; }
    public required int ContextTokens { get; init; }
    public required int Windows { get; init; }
    /// <summary>Tokens whose log-probability entered the perplexity (second half of each window).</summary>
    public required long ScoredTokens { get; init; }
    public required double Perplexity { get; init; }
    public required double PerplexityError { get; init; }
    /// <summary>Scored tokens per second of wall time over the measured windows (prompt-processing speed with logits).</summary>
    public required double ScoredTokensPerSecond { get; init; }
    public required bool IsSyntheticModel { get; init; }
    public QualityReferenceComparison? Reference { get; init; }
    public QualityTaskScore? Tasks { get; init; }
}
