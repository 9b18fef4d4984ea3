namespace BenchCluster.Measurement.Quality;

/// <summary>Multiple-choice accuracy on a HellaSwag-style task file (llama-perplexity --hellaswag scoring).</summary>
public sealed record QualityTaskScore
{
    public required string TaskFile { get; init; }
    public required string TaskSha256 { get; init; }
    public required int TaskCount { get; init; }
    /// <summary>Share of tasks whose highest-scoring ending is the labelled one, 0..1.</summary>
    public required double Accuracy { get; init; }
    public required double AccuracyError { get; init; }
}
