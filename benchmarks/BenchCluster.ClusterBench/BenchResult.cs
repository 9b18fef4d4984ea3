namespace BenchCluster.ClusterBench;

/// <summary>One benchmark run: jobs end to end and what they left in Postgres.</summary>
internal sealed record BenchResult(int Jobs, TimeSpan Elapsed, string CpuByProcess, long SampleRows, long ResultRows, long DuplicateAttempts)
{
    public double JobsPerSecond => Jobs / Elapsed.TotalSeconds;
}
