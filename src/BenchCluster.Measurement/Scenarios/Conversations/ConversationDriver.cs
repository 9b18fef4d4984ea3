using System.Collections.Concurrent;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Timing;
using BenchCluster.Measurement.Workloads;
using BenchCluster.Measurement.Workloads.Conversations;

namespace BenchCluster.Measurement.Scenarios.Conversations;

/// <summary>
/// Multi-turn and shared-prefix workloads. Closed loop: each of the <c>concurrency</c> users runs conversations one
/// after another, turn by turn with think time, until <c>count</c> requests were sent and the minimum duration has
/// passed; conversations in progress then finish. Open loop: conversations start at the schedule's arrivals, at
/// rate / (mean turns per conversation) so that requests of all turns together come at about the requested rate; the
/// later turns follow their answers after the think time, and each turn's latency counts from when it was due.
/// </summary>
internal sealed class ConversationDriver(ICompletionBackend backend, ConversationSource source, IPromptTokenizer? tokenizer, bool useChat, RequestSampling sampling)
{
    public async Task<StageRun> ClosedLoopAsync(ClosedLoopPlan plan, CancellationToken cancellationToken)
    {
        var samples = new ConcurrentBag<Sample>();
        var turns = new ConversationTurns(backend, tokenizer, useChat, sampling, plan.FirstSeq, plan.Stage, plan.IsWarmup, samples);
        var next = -1;
        var committed = 0;
        var minDurationNs = TimeUnits.FromSeconds(plan.MinDurationSeconds);
        var startNs = MonotonicClock.NowNs();

        // A user starts a conversation while fewer than the plan's requests are committed (sent, or due as the turns
        // of conversations under way), claiming its turns atomically: checking the sent count instead let two users
        // pass the check for the last request together and send one more than planned. Turns a conversation did not
        // send (a failed turn ends it) are handed back.
        async Task UserAsync()
        {
            while (true)
            {
                var script = source.Get(Interlocked.Increment(ref next));
                var before = Interlocked.Add(ref committed, script.Turns.Count) - script.Turns.Count;
                if (before >= plan.Count && MonotonicClock.NowNs() - startNs >= minDurationNs)
                    return;
                var sent = await turns.RunAsync(script, null, cancellationToken);
                Interlocked.Add(ref committed, sent - script.Turns.Count);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, plan.Concurrency).Select(_ => Task.Run(UserAsync, cancellationToken)));
        return ClosedLoopDriver.Collect(plan, startNs, samples);
    }

    /// <summary>Conversations an open loop of <paramref name="requests"/> requests starts.</summary>
    public int ConversationsFor(int requests) => Math.Max(1, (int)Math.Ceiling(requests / source.MeanTurns));

    /// <summary>The conversations' start rate for a request rate: requests of all turns together come at about <paramref name="rate"/>.</summary>
    public double ConversationRate(double rate) => rate / source.MeanTurns;

    public async Task<StageRun> OpenLoopAsync(ArrivalSchedule schedule, double requestRate, OpenLoopPlan plan, CancellationToken cancellationToken)
    {
        var scripts = Enumerable.Range(0, schedule.Count).Select(source.Get).ToList();
        var samples = new ConcurrentBag<Sample>();
        var turns = new ConversationTurns(backend, tokenizer, useChat, sampling, plan.FirstSeq, plan.Stage, isWarmup: false, samples);
        var tasks = new List<Task>(scripts.Count);
        var originNs = MonotonicClock.NowNs() + OpenLoopDriver.StartLeadNs;
        try
        {
            await Task.Factory.StartNew(() =>
            {
                for (var i = 0; i < scripts.Count; i++)
                {
                    var arrivalNs = originNs + schedule.OffsetsNs[i];
                    PreciseWaiter.WaitUntil(arrivalNs, cancellationToken);
                    // Started on this thread, so the first turn's send time is taken within microseconds of its arrival.
                    tasks.Add(turns.RunAsync(scripts[i], arrivalNs, cancellationToken));
                }
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            // Every conversation started is awaited, so no request outlives the run (even when it was cancelled).
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
        await Task.WhenAll(tasks);
        var ordered = samples.OrderBy(s => s.Seq).ToList();
        var stage = new StageInfo
        {
            Index = plan.Stage,
            Kind = plan.Kind,
            TargetRate = requestRate,
            Burstiness = plan.Burstiness,
            StartNs = originNs,
            EndNs = ordered.Count == 0 ? originNs : ordered.Max(s => s.EndNs),
        };
        return new StageRun(ordered, stage);
    }
}
