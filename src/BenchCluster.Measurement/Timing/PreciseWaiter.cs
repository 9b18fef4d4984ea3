using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Timing;

/// <summary>
/// Waits until a monotonic deadline with sub-millisecond precision: sleeps while the deadline is far (the OS timer
/// overshoots by a millisecond or more), then yields in a loop for the last stretch. Yielding rather than pure
/// spinning leaves the core to the backend on small machines.
/// </summary>
public static class PreciseWaiter
{
    /// <summary>Below this distance to the deadline we stop sleeping and start yielding.</summary>
    public const long SpinThresholdNs = 2_000_000;

    /// <summary>Blocks the calling (dedicated) thread until <paramref name="deadlineNs"/>; returns at once when it has passed.</summary>
    public static void WaitUntil(long deadlineNs, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = deadlineNs - MonotonicClock.NowNs();
            if (remaining <= 0)
                return;
            if (remaining > SpinThresholdNs)
            {
                var sleepMs = (int)((remaining - SpinThresholdNs) / 1_000_000);
                // Wait on the token's handle so cancellation interrupts a long sleep.
                if (sleepMs > 0)
                    cancellationToken.WaitHandle.WaitOne(sleepMs);
                else
                    Thread.Yield();
            }
            else if (!Thread.Yield())
            {
                Thread.SpinWait(20);
            }
        }
    }
}
