namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>One HellaSwag-style task: a context, its candidate endings, and the index of the right one.</summary>
public sealed record MultipleChoiceTask(string Context, IReadOnlyList<string> Endings, int Label);
