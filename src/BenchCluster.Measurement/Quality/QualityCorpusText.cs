namespace BenchCluster.Measurement.Quality;

/// <summary>A corpus as the scenario scores it: its name (the bundled corpus or a file), its SHA-256 and its text.</summary>
public sealed record QualityCorpusText(string Name, string Sha256, string Text);
