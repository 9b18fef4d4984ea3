using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Workloads;

/// <summary>How request i of a run chooses its tokens: greedy by default, else <c>workload.sampling</c> with request i's seed.</summary>
public sealed class RequestSampling(SamplingSpec? spec, int seed)
{
    public static RequestSampling Greedy { get; } = new(null, 0);

    public SamplingOptions For(int index) => spec is null
        ? SamplingOptions.Greedy
        : new SamplingOptions
        {
            Mode = SamplingMode.Temperature,
            Temperature = (float)spec.Temperature,
            TopK = spec.TopK,
            Seed = (uint)RequestSeeds.For(seed, index),
        };
}
