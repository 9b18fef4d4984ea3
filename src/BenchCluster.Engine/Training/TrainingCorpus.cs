namespace BenchCluster.Engine.Training;

/// <summary>The text to train on and the SHA-256 of its bytes (the cache key's part); the engine does not load corpora itself.</summary>
public sealed record TrainingCorpus(string Name, string Sha256, string Text);
