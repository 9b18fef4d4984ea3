namespace BenchCluster.Measurement.Workloads;

/// <summary>The random seed of request i of a run.</summary>
internal static class RequestSeeds
{
    /// <summary>A fixed mix of seed and index (HashCode.Combine is randomized per process, so it will not do).</summary>
    public static int For(int seed, int index) =>
        (int)((unchecked(((uint)seed * 0x9E3779B1u) ^ ((uint)index * 0x85EBCA6Bu)) >> 1) & int.MaxValue);
}
