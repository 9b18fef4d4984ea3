namespace BenchCluster.Measurement.Quality;

/// <summary>A loaded reference: the model to score with and what frees it (its session and weights).</summary>
public sealed record OpenedQualityReference(IQualityModel Model, IAsyncDisposable Owner);
