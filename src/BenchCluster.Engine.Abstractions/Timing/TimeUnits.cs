namespace BenchCluster.Engine.Timing;

/// <summary>
/// The one place nanosecond timestamps (<see cref="MonotonicClock"/>) turn into milliseconds, seconds and rates, so a
/// metric cannot be off by a factor of a thousand because one file spelt its constant differently.
/// </summary>
public static class TimeUnits
{
    public const double NanosecondsPerSecond = 1e9;
    public const double NanosecondsPerMillisecond = 1e6;

    /// <summary>One <see cref="TimeSpan"/> tick is 100 ns.</summary>
    public const long NanosecondsPerTimeSpanTick = 100;

    public static double ToMilliseconds(long nanoseconds) => nanoseconds / NanosecondsPerMillisecond;

    public static double ToSeconds(long nanoseconds) => nanoseconds / NanosecondsPerSecond;

    public static long FromSeconds(double seconds) => (long)(seconds * NanosecondsPerSecond);

    /// <summary>Events per second: <paramref name="count"/> over <paramref name="nanoseconds"/>.</summary>
    public static double PerSecond(double count, long nanoseconds) => count * NanosecondsPerSecond / nanoseconds;
}
