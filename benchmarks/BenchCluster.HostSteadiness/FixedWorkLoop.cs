using System.Diagnostics;

namespace BenchCluster.HostSteadiness;

/// <summary>
/// A CPU-bound loop of fixed work that needs no memory: each chunk is the same integer arithmetic, so on a steady
/// machine every chunk takes the same time. Each thread records when each of its chunks ended.
/// </summary>
internal static class FixedWorkLoop
{
    /// <summary>Iterations of one chunk sized to about <paramref name="chunk"/> on this machine, measured now.</summary>
    public static long Calibrate(TimeSpan chunk)
    {
        var iterations = 1_000L;
        while (true)
        {
            var watch = Stopwatch.StartNew();
            Spin(iterations);
            if (watch.Elapsed >= chunk / 4)
                return Math.Max(1, (long)(iterations * chunk.TotalSeconds / watch.Elapsed.TotalSeconds));
            iterations *= 2;
        }
    }

    /// <summary>
    /// Runs <paramref name="threads"/> threads of chunks for <paramref name="duration"/> and returns, per thread, the
    /// Stopwatch timestamp at which each chunk ended. <paramref name="maxChunksPerThread"/> bounds the arrays.
    /// </summary>
    public static long[][] Run(int threads, long iterationsPerChunk, TimeSpan duration, int maxChunksPerThread, out long startTimestamp)
    {
        var ends = new long[threads][];
        var counts = new int[threads];
        var start = Stopwatch.GetTimestamp();
        var stop = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var mine = new long[maxChunksPerThread];
            var n = 0;
            while (n < mine.Length)
            {
                Spin(iterationsPerChunk);
                var now = Stopwatch.GetTimestamp();
                mine[n++] = now;
                if (now >= stop)
                    break;
            }
            ends[t] = mine;
            counts[t] = n;
        }) { IsBackground = true, Name = $"fixed-work-{t}" }).ToArray();
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
        startTimestamp = start;
        return ends.Select((e, t) => e[..counts[t]]).ToArray();
    }

    private static ulong _sink;

    private static void Spin(long iterations)
    {
        // An LCG step per iteration: one multiply-add chain the compiler cannot fold away.
        var x = (ulong)iterations | 1;
        for (var i = 0L; i < iterations; i++)
            x = x * 6364136223846793005UL + 1442695040888963407UL;
        Volatile.Write(ref _sink, x);
    }
}
