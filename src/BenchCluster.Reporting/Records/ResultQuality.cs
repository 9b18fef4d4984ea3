using BenchCluster.Measurement.Quality;

namespace BenchCluster.Reporting.Records;

/// <summary>
/// The quality of a result's model file on its node (docs/quality-outputs.md): on a quality point its own scores; on a
/// speed point the scores of the quality point of the same file (SHA-256) on the same node in the same results, so a
/// row shows tokens/s, $/1M and KL-divergence together. Uncertainties are one standard error. Null where no quality
/// was measured; reference and task figures null where the point had no reference or task file.
/// </summary>
public sealed record ResultQuality
{
    public const string ModelQuality = "model quality";
    public const string RandomWeightsFidelity = "numerical fidelity of random weights (synthetic model), not a model's quality";

    /// <summary><see cref="ModelQuality"/>, or <see cref="RandomWeightsFidelity"/> for a synthetic model.</summary>
    public required string Label { get; init; }
    public required bool IsSynthetic { get; init; }
    /// <summary>"measured" on the quality point itself; "joined" on a speed point that borrowed it.</summary>
    public required string Source { get; init; }
    /// <summary>The quality point the figures come from (its point key and label).</summary>
    public required string SourcePointKey { get; init; }
    public required string SourcePointLabel { get; init; }
    public required string CorpusName { get; init; }
    public required string CorpusSha256 { get; init; }
    public required int ContextTokens { get; init; }
    public required int Windows { get; init; }
    public required long ScoredTokens { get; init; }
    public required double ScoredTokensPerSecond { get; init; }
    public required double Perplexity { get; init; }
    public required double PerplexityError { get; init; }
    public string? ReferenceName { get; init; }
    public string? ReferenceSha256 { get; init; }
    /// <summary>"computed" or "cache:&lt;file&gt;".</summary>
    public string? ReferenceSource { get; init; }
    public double? ReferencePerplexity { get; init; }
    public double? ReferencePerplexityError { get; init; }
    public double? DeltaPerplexity { get; init; }
    public double? DeltaPerplexityError { get; init; }
    public double? KlDivergenceMean { get; init; }
    public double? KlDivergenceMeanError { get; init; }
    public double? KlDivergenceMedian { get; init; }
    public double? KlDivergenceP99 { get; init; }
    public double? KlDivergenceMax { get; init; }
    /// <summary>Share of scored tokens whose top token is the reference's, 0..1.</summary>
    public double? Top1Agreement { get; init; }
    public double? Top1AgreementError { get; init; }
    public string? TaskFile { get; init; }
    public string? TaskSha256 { get; init; }
    public int? TaskCount { get; init; }
    /// <summary>Share of tasks answered right, 0..1.</summary>
    public double? TaskAccuracy { get; init; }
    public double? TaskAccuracyError { get; init; }

    public const string Measured = "measured";
    public const string Joined = "joined";

    public static ResultQuality From(QualityMeasurement quality, string pointKey, string pointLabel) => new()
    {
        Label = quality.IsSyntheticModel ? RandomWeightsFidelity : ModelQuality,
        IsSynthetic = quality.IsSyntheticModel,
        Source = Measured,
        SourcePointKey = pointKey,
        SourcePointLabel = pointLabel,
        CorpusName = quality.CorpusName,
        CorpusSha256 = quality.CorpusSha256,
        ContextTokens = quality.ContextTokens,
        Windows = quality.Windows,
        ScoredTokens = quality.ScoredTokens,
        ScoredTokensPerSecond = quality.ScoredTokensPerSecond,
        Perplexity = quality.Perplexity,
        PerplexityError = quality.PerplexityError,
        ReferenceName = quality.Reference?.ReferenceName,
        ReferenceSha256 = quality.Reference?.ReferenceSha256,
        ReferenceSource = quality.Reference?.ReferenceSource,
        ReferencePerplexity = quality.Reference?.ReferencePerplexity,
        ReferencePerplexityError = quality.Reference?.ReferencePerplexityError,
        DeltaPerplexity = quality.Reference?.DeltaPerplexity,
        DeltaPerplexityError = quality.Reference?.DeltaPerplexityError,
        KlDivergenceMean = quality.Reference?.KlDivergenceMean,
        KlDivergenceMeanError = quality.Reference?.KlDivergenceMeanError,
        KlDivergenceMedian = quality.Reference?.KlDivergenceMedian,
        KlDivergenceP99 = quality.Reference?.KlDivergenceP99,
        KlDivergenceMax = quality.Reference?.KlDivergenceMax,
        Top1Agreement = quality.Reference?.Top1Agreement,
        Top1AgreementError = quality.Reference?.Top1AgreementError,
        TaskFile = quality.Tasks?.TaskFile,
        TaskSha256 = quality.Tasks?.TaskSha256,
        TaskCount = quality.Tasks?.TaskCount,
        TaskAccuracy = quality.Tasks?.Accuracy,
        TaskAccuracyError = quality.Tasks?.AccuracyError,
    };
}
