using System.Collections.Concurrent;
using System.Text;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Workloads;
using BenchCluster.Measurement.Workloads.Conversations;

namespace BenchCluster.Measurement.Scenarios.Conversations;

/// <summary>
/// Runs one conversation turn by turn: each turn waits its think time after the previous answer, sends the conversation
/// so far, and takes the answer in for the next turn. A failed turn ends its conversation (the next turn would have no
/// answer to carry). In an open loop every turn has a scheduled time (the arrival for the first, answer + think time for
/// the others) and latency counts from it; in a closed loop latency counts from the send.
/// </summary>
internal sealed class ConversationTurns(
    ICompletionBackend backend, IPromptTokenizer? tokenizer, bool useChat, RequestSampling sampling, int firstSeq, int stage, bool isWarmup, ConcurrentBag<Sample> samples)
{
    private int _sent = -1;

    /// <summary>Runs the conversation's turns until one fails; returns the requests it sent.</summary>
    public async Task<int> RunAsync(ConversationScript script, long? arrivalNs, CancellationToken cancellationToken)
    {
        var sent = 0;
        var history = new ConversationHistory(script, useChat, sampling);
        var scheduledNs = arrivalNs;
        long previousEndNs = 0;
        foreach (var turn in script.Turns)
        {
            if (turn.Index > 0)
            {
                var dueNs = previousEndNs + (long)(turn.ThinkMs * TimeUnits.NanosecondsPerMillisecond);
                await DelayUntilAsync(dueNs, cancellationToken);
                scheduledNs = arrivalNs is null ? null : dueNs;
            }
            var index = Interlocked.Increment(ref _sent);
            var planned = history.Request(turn, index);
            var answer = new StringBuilder();
            var sample = await RequestExecutor.ExecuteAsync(backend, planned, firstSeq + index, isWarmup, stage, scheduledNs, cancellationToken, answer);
            samples.Add(sample);
            sent++;
            if (!sample.Succeeded)
                return sent;
            var text = answer.ToString();
            int[]? tokens = planned.Request.PromptTokens is not null && tokenizer is not null
                ? await tokenizer.TokenizeAsync(text, cancellationToken)
                : null;
            history.Answered(turn, text, tokens, tokens?.Length ?? sample.EffectiveOutputTokens);
            previousEndNs = sample.EndNs;
        }
        return sent;
    }

    /// <summary>Never returns before <paramref name="dueNs"/>: timers round to whole milliseconds, so it waits again when one fired early.</summary>
    private static async Task DelayUntilAsync(long dueNs, CancellationToken cancellationToken)
    {
        long remainingNs;
        while ((remainingNs = dueNs - MonotonicClock.NowNs()) > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remainingNs / TimeUnits.NanosecondsPerMillisecond)), cancellationToken);
    }
}
