using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Timing;

namespace BenchCluster.Measurement.Tests.Timing;

public sealed class PreciseWaiterTests
{
    [Fact]
    public void It_never_returns_before_the_deadline()
    {
        for (var i = 0; i < 20; i++)
        {
            var deadline = MonotonicClock.NowNs() + 300_000;
            PreciseWaiter.WaitUntil(deadline, CancellationToken.None);
            Assert.True(MonotonicClock.NowNs() >= deadline);
        }
    }

    [Fact]
    public void A_cancelled_wait_throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => PreciseWaiter.WaitUntil(MonotonicClock.NowNs() + 10_000_000_000, cancel.Token));
    }
}
