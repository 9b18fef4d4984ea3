namespace BenchCluster.Measurement.Quality.Corpora;

/// <summary>A corpus ready to tokenize: its name as the suite gave it, the SHA-256 of its bytes, and its text.</summary>
public sealed record CorpusText(string Name, string Sha256, string Text);
