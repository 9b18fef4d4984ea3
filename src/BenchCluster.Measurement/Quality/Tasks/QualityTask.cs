namespace BenchCluster.Measurement.Quality.Tasks;

/// <summary>One multiple-choice task: a context, its candidate endings, and the index of the right one.</summary>
public sealed record QualityTask(string Context, IReadOnlyList<string> Endings, int Label);
