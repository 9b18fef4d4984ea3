namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>The tasks of one task file, with the file's name and SHA-256 for provenance.</summary>
public sealed record MultipleChoiceTaskSet(string File, string Sha256, IReadOnlyList<MultipleChoiceTask> Tasks);
