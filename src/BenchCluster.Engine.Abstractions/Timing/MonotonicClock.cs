using System.Diagnostics;

namespace BenchCluster.Engine.Timing;

/// <summary>
/// The one clock every timestamp in BenchCluster is taken from: CLOCK_MONOTONIC in nanoseconds.
/// On Linux it is system-wide, so timestamps taken in an engine child process and in its
/// parent silo on the same machine can be subtracted from each other.
/// </summary>
public static class MonotonicClock
{
    private static readonly double NanosecondsPerTick = TimeUnits.NanosecondsPerSecond / Stopwatch.Frequency;

    /// <summary>Nanoseconds on the monotonic clock.</summary>
    public static long NowNs() => Stopwatch.Frequency == 1_000_000_000
        ? Stopwatch.GetTimestamp()
        : (long)(Stopwatch.GetTimestamp() * NanosecondsPerTick);
}
