namespace BenchCluster.Gguf.Forge;

/// <summary>
/// Llama 3.x "llama3" RoPE scaling (config.json rope_scaling): llama.cpp reads it as a per-dimension frequency factor
/// tensor, rope_freqs.weight, which the converter computes from these four numbers.
/// </summary>
public sealed record Llama3RopeScaling(double Factor, double LowFrequencyFactor, double HighFrequencyFactor, int OriginalContextLength);
