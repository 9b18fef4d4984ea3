namespace BenchCluster.Grains.Worker;

/// <summary>A .gguf file the worker will not serve, and why.</summary>
public sealed record RejectedModelFile(string Path, string Reason);
