namespace BenchCluster.Measurement.Workloads;

/// <summary>A prompt as text (remote) or as tokens (in-process), with our count of its tokens.</summary>
public sealed record PlannedPrompt(string? Text, IReadOnlyList<int>? Tokens, int TokenCount);
