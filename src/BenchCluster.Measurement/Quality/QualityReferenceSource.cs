namespace BenchCluster.Measurement.Quality;

/// <summary>
/// The reference a quality job compares against. <see cref="OpenAsync"/> loads it, and is called only when the
/// reference cache misses; the scenario disposes what it returns as soon as the reference's rows are written.
/// </summary>
public sealed record QualityReferenceSource(string Name, string Sha256, Func<CancellationToken, Task<OpenedQualityReference>> OpenAsync);
