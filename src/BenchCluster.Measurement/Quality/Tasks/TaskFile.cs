namespace BenchCluster.Measurement.Quality.Tasks;

/// <summary>A task file as read: its path, the SHA-256 of the whole file's bytes, and its first tasks.</summary>
public sealed record TaskFile(string Path, string Sha256, IReadOnlyList<QualityTask> Tasks);
