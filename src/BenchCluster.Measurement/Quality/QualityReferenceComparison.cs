namespace BenchCluster.Measurement.Quality;

/// <summary>The model against its reference over the same scored tokens (llama-perplexity --kl-divergence).</summary>
public sealed record QualityReferenceComparison
{
    public required string ReferenceName { get; init; }
    public required string ReferenceSha256 { get; init; }
    public required double ReferencePerplexity { get; init; }
    public required double ReferencePerplexityError { get; init; }
    /// <summary>PPL(model) − PPL(reference), with the error llama-perplexity gives from the paired log-probabilities.</summary>
    public required double DeltaPerplexity { get; init; }
    public required double DeltaPerplexityError { get; init; }
    public required double KlDivergenceMean { get; init; }
    public required double KlDivergenceMeanError { get; init; }
    public required double KlDivergenceMedian { get; init; }
    public required double KlDivergenceP99 { get; init; }
    public required double KlDivergenceMax { get; init; }
    /// <summary>Share of scored tokens where both models' most likely token is the same, 0..1.</summary>
    public required double Top1Agreement { get; init; }
    public required double Top1AgreementError { get; init; }
    /// <summary>Where the reference's log-probabilities came from: "computed" or "cache:&lt;file&gt;".</summary>
    public required string ReferenceSource { get; init; }
}
