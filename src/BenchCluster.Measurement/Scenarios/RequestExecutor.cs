using System.Text;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// Sends one request and records its raw timeline: send time, every token-carrying event, usage, cached prompt tokens,
/// error; multi-turn runs also collect the answer's text into <c>answer</c> for the next turn.
/// </summary>
internal static class RequestExecutor
{
    public static async Task<Sample> ExecuteAsync(
        ICompletionBackend backend, PlannedRequest planned, int seq, bool isWarmup, int stage, long? scheduledNs, CancellationToken cancellationToken,
        StringBuilder? answer = null)
    {
        var eventNs = new List<long>(planned.RequestedOutputTokens + 1);
        var eventTokens = new List<int>(planned.RequestedOutputTokens + 1);
        int? serverPrompt = null;
        int? serverOutput = null;
        int? cached = null;
        string? error = null;
        long? lastChunkNs = null;
        var reasoning = new ReasoningTally();
        var sentNs = MonotonicClock.NowNs();
        try
        {
            await foreach (var chunk in backend.StreamAsync(planned.Request, cancellationToken))
            {
                lastChunkNs = chunk.TimestampNs;
                reasoning.Add(chunk);
                answer?.Append(chunk.Text);
                if (chunk.TokenCount > 0)
                {
                    eventNs.Add(chunk.TimestampNs);
                    eventTokens.Add(chunk.TokenCount);
                }
                if (chunk.IsFinal)
                {
                    serverPrompt = chunk.PromptTokens;
                    serverOutput = chunk.CompletionTokens;
                    cached = chunk.CachedPromptTokens;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (CompletionException ex) when (ex.Kind == CompletionFailureKind.Timeout)
        {
            error = Sample.TimeoutError(ex.Message);
        }
        catch (CompletionException ex)
        {
            error = $"{ex.Kind}{(ex.StatusCode is { } code ? $" {code}" : "")}: {ex.Message}";
        }
        catch (Exception ex)
        {
            // A backend that throws something else (a bug, a timeout of its own) still only fails this request.
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        var endNs = error is null && lastChunkNs is { } last ? Math.Max(last, sentNs) : MonotonicClock.NowNs();
        return new Sample
        {
            Seq = seq,
            Kind = SampleKind.Request,
            IsWarmup = isWarmup,
            Stage = stage,
            ScheduledNs = scheduledNs,
            SentNs = sentNs,
            FirstTokenNs = eventNs.Count > 0 ? eventNs[0] : null,
            EndNs = endNs,
            EventNs = [.. eventNs],
            EventTokenCounts = [.. eventTokens],
            PromptTokens = planned.PromptTokens,
            OutputTokens = eventTokens.Sum(),
            ServerPromptTokens = serverPrompt,
            ServerOutputTokens = serverOutput,
            RequestedOutputTokens = planned.RequestedOutputTokens,
            Error = error,
            ReasoningTokens = reasoning.ReasoningTokens,
            FirstOutputNs = reasoning.FirstOutputNs,
            TokenCountsExact = reasoning.TokenCountsExact,
            ConversationId = planned.ConversationId,
            TurnIndex = planned.TurnIndex,
            CachedPromptTokens = cached,
        };
    }
}
