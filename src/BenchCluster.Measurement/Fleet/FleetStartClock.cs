using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Timing;

namespace BenchCluster.Measurement.Fleet;

/// <summary>
/// Turns the coordinator's common wall-clock start into an instant of this node's monotonic clock and waits for it.
/// The wall clock is read once, right beside the monotonic clock, so the mapping is start − wall-now + monotonic-now;
/// from then on only the monotonic clock counts (the wall clock may be stepped by NTP mid-run). Across machines the
/// common instant is as good as their wall clocks agree; the error this node can see is recorded as the start error.
/// </summary>
public static class FleetStartClock
{
    public static async Task<FleetDriverStart> WaitForStartAsync(
        IFleetRendezvous rendezvous, JobSpec job, string driver, CancellationToken cancellationToken)
    {
        var share = job.Fleet ?? throw new ArgumentException($"job {job.Point.Label} is not a fleet driver", nameof(job));
        var startUtc = await rendezvous.StartAsync(job, cancellationToken);
        var (wallNow, monotonicNow) = (DateTimeOffset.UtcNow, MonotonicClock.NowNs());
        var untilStart = startUtc - wallNow;
        if (untilStart < -FleetLimits.MissedStartTolerance)
            throw new InvalidOperationException(
                $"fleet driver {share.Index} ({driver}) of {job.Point.Label} rep {job.Repetition} learned the common start " +
                $"{-untilStart.TotalMilliseconds:0} ms after it passed (a retried or late driver); the drivers did not start together, so this repetition is not measured");
        var originNs = monotonicNow + untilStart.Ticks * TicksToNs;
        await Task.Factory.StartNew(() => PreciseWaiter.WaitUntil(originNs, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var errorNs = (DateTimeOffset.UtcNow - startUtc).Ticks * TicksToNs;
        return new FleetDriverStart
        {
            Driver = driver, Index = share.Index, StartUtc = startUtc, OriginNs = originNs, StartErrorNs = errorNs,
        };
    }

    private const long TicksToNs = 100;
}
