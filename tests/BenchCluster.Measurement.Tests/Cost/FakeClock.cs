using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Tests.Cost;

/// <summary>A monotonic clock the test moves by hand, so a window's length (and so its watts) is exact.</summary>
internal sealed class FakeClock
{
    private long _ns = 1_000_000_000;

    public long Now() => _ns;

    public void Advance(TimeSpan by) => _ns += by.Ticks * TimeUnits.NanosecondsPerTimeSpanTick;
}
