using System.Collections.Concurrent;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// Closed loop: <c>concurrency</c> workers each send a request as soon as their previous one ends, until
/// <c>count</c> requests were sent and <c>minDurationSeconds</c> have passed.
/// </summary>
internal static class ClosedLoopDriver
{
    public static async Task<StageRun> RunAsync(
        ICompletionBackend backend,
        IRequestSource source,
        ClosedLoopPlan plan,
        CancellationToken cancellationToken)
    {
        var samples = new ConcurrentBag<Sample>();
        var next = -1;
        var minDurationNs = TimeUnits.FromSeconds(plan.MinDurationSeconds);
        var startNs = plan.StartNs ?? MonotonicClock.NowNs();

        async Task WorkerAsync()
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= plan.Count && MonotonicClock.NowNs() - startNs >= minDurationNs)
                    return;
                samples.Add(await RequestExecutor.ExecuteAsync(
                    backend, source.Get(index), plan.FirstSeq + index, plan.IsWarmup, plan.Stage, null, cancellationToken));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, plan.Concurrency).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        return Collect(plan, startNs, samples);
    }

    /// <summary>A closed-loop stage from its samples, in order: its window runs from the start to the last sample's end.</summary>
    internal static StageRun Collect(ClosedLoopPlan plan, long startNs, IEnumerable<Sample> samples)
    {
        var ordered = samples.OrderBy(s => s.Seq).ToList();
        var stage = new StageInfo
        {
            Index = plan.Stage,
            Kind = plan.Kind,
            Concurrency = plan.Concurrency,
            StartNs = startNs,
            EndNs = ordered.Count == 0 ? startNs : ordered.Max(s => s.EndNs),
        };
        return new StageRun(ordered, stage);
    }
}

/// <summary>Settings of one closed-loop run.</summary>
internal sealed record ClosedLoopPlan(int Count, int Concurrency, int FirstSeq, int Stage, StageKind Kind, bool IsWarmup, double MinDurationSeconds = 0)
{
    /// <summary>The stage's start when the caller waited for it (a fleet's common start); null = now.</summary>
    public long? StartNs { get; init; }
}
