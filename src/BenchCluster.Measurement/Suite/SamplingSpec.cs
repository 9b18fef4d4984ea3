namespace BenchCluster.Measurement.Suite;

/// <summary>
/// <c>workload.sampling</c>: requests draw their tokens at a temperature from the top-k candidates, each request with
/// its own seed (from the suite seed and its index), instead of the default greedy choice. Sent to endpoints as
/// temperature, top_k and seed; applied in-process with llama.cpp's samplers in the same order (top-k, temperature, draw).
/// </summary>
public sealed record SamplingSpec
{
    public const double MaxTemperature = 5;
    public const int MaxTopK = 1_000_000;

    public double Temperature { get; init; }
    public int TopK { get; init; } = 40;
}
