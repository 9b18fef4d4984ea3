using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Timing;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// Open loop: sends request i at the schedule's offset i from a dedicated thread with a precise wait, whatever
/// the backend is doing. The request starts on that thread (its send time is taken there, within microseconds of
/// the schedule) and continues on the thread pool at its first await. Each sample keeps its scheduled time, so
/// latency is measured from the schedule (coordinated omission) and the send lag shows when the client fell behind.
/// </summary>
internal static class OpenLoopDriver
{
    /// <summary>The schedule starts this long after the driver is ready, so the first send is not late by construction.</summary>
    public const long StartLeadNs = 1_000_000;

    public static async Task<StageRun> RunAsync(
        ICompletionBackend backend,
        IReadOnlyList<PlannedRequest> requests,
        ArrivalSchedule schedule,
        OpenLoopPlan plan,
        CancellationToken cancellationToken)
    {
        if (requests.Count != schedule.Count)
            throw new ArgumentException($"The schedule has {schedule.Count} arrivals for {requests.Count} requests.", nameof(schedule));
        var tasks = new List<Task<Sample>>(requests.Count);
        var originNs = MonotonicClock.NowNs() + StartLeadNs;
        try
        {
            await Task.Factory.StartNew(
                () => Dispatch(backend, requests, schedule, plan, originNs, tasks, cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            // Whatever was sent is awaited, so no request outlives the run (even when it was cancelled).
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
        var samples = tasks.Select(t => t.Result).ToList();
        var stage = new StageInfo
        {
            Index = plan.Stage,
            Kind = plan.Kind,
            TargetRate = schedule.Rate > 0 ? schedule.Rate : null,
            Burstiness = plan.Burstiness,
            StartNs = originNs,
            EndNs = samples.Count == 0 ? originNs : samples.Max(s => s.EndNs),
        };
        return new StageRun(samples, stage);
    }

    private static void Dispatch(
        ICompletionBackend backend,
        IReadOnlyList<PlannedRequest> requests,
        ArrivalSchedule schedule,
        OpenLoopPlan plan,
        long originNs,
        List<Task<Sample>> tasks,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < requests.Count; i++)
        {
            var scheduledNs = originNs + schedule.OffsetsNs[i];
            PreciseWaiter.WaitUntil(scheduledNs, cancellationToken);
            var request = requests[i];
            var seq = plan.FirstSeq + i;
            tasks.Add(RequestExecutor.ExecuteAsync(backend, request, seq, false, plan.Stage, scheduledNs, cancellationToken));
        }
    }
}

/// <summary>Settings of one open-loop run.</summary>
internal sealed record OpenLoopPlan(int FirstSeq, int Stage, StageKind Kind, double? Burstiness);
