namespace BenchCluster.EngineBench;

/// <summary>One repetition: its wall time, and for batched tests the phase speeds llama-batched-bench reports.</summary>
internal sealed record RepetitionTiming(long Nanoseconds, double? PromptTokensPerSecond, double? GenerationTokensPerSecond);
