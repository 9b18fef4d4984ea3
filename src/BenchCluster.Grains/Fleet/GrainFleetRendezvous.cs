using BenchCluster.Contracts.Grains;
using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Grains.Fleet;

/// <summary>
/// A driver's way to the common start: it polls the repetition's <see cref="IFleetStartGrain"/> until all drivers
/// arrived. Polling, not one long call, so no grain call waits for minutes while other nodes finish earlier jobs.
/// </summary>
public sealed class GrainFleetRendezvous(IGrainFactory grains, Guid runId) : IFleetRendezvous
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<DateTimeOffset> StartAsync(JobSpec job, CancellationToken cancellationToken)
    {
        var share = job.Fleet ?? throw new ArgumentException($"job {job.Point.Label} is not a fleet driver", nameof(job));
        var meeting = grains.GetGrain<IFleetStartGrain>(FleetStartKey.Format(runId, job.Point.Id, job.Repetition));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await meeting.ArriveAsync(share.Index, share.Drivers) is { } ticks)
                return new DateTimeOffset(ticks, TimeSpan.Zero);
            if (waited.Elapsed > FleetLimits.ArrivalTimeout)
                throw new TimeoutException(
                    $"fleet driver {share.Index} of {job.Point.Label} rep {job.Repetition} waited {waited.Elapsed.TotalMinutes:0} min for the other drivers ({string.Join(", ", share.Nodes)}); one of them never became ready");
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
