using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Serving.Tests;

/// <summary>One scripted event: its text, the tokens it stands for, the pause before it is produced, and whether it is reasoning.</summary>
internal sealed record ScriptedToken(string Text, int TokenCount = 1, int DelayMs = 0, bool Reasoning = false);

/// <summary>
/// An in-process stand-in for the llama.cpp backend: produces scripted tokens with scripted pauses,
/// stamps each with the monotonic clock as a real decode thread would, and records what it was asked.
/// </summary>
internal sealed class ScriptedCompletionBackend(IReadOnlyList<ScriptedToken> tokens, int promptTokens = 11) : ICompletionBackend
{
    public CompletionBackendInfo Info { get; } = new() { Kind = "scripted", Model = "scripted", Location = "memory" };

    public ConcurrentQueue<CompletionRequest> Requests { get; } = new();

    /// <summary>Production times of the chunks of the latest request, in order.</summary>
    public ConcurrentQueue<long> ProducedNs { get; } = new();

    /// <summary>Completes when a request's cancellation token fires while it streams.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first request arrives.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Throw this before producing the token at <see cref="FailAtToken"/>.</summary>
    public CompletionException? Failure { get; init; }

    public int FailAtToken { get; init; }

    /// <summary>When set, every request waits for it before its first token (holds requests in flight).</summary>
    public TaskCompletionSource? Gate { get; init; }

    public async IAsyncEnumerable<CompletionChunk> StreamAsync(
        CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        Started.TrySetResult();
        using var registration = cancellationToken.Register(() => Cancelled.TrySetResult());
        if (Gate is not null)
            await Gate.Task.WaitAsync(cancellationToken);
        var produced = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Failure is not null && i == FailAtToken)
                throw Failure;
            if (tokens[i].DelayMs > 0)
                await Task.Delay(tokens[i].DelayMs, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var now = MonotonicClock.NowNs();
            ProducedNs.Enqueue(now);
            produced += tokens[i].TokenCount;
            yield return new CompletionChunk { TimestampNs = now, Text = tokens[i].Text, TokenCount = tokens[i].TokenCount, ReasoningTokenCount = tokens[i].Reasoning ? tokens[i].TokenCount : 0 };
        }
        yield return new CompletionChunk
        {
            TimestampNs = MonotonicClock.NowNs(),
            IsFinal = true,
            PromptTokens = promptTokens,
            CompletionTokens = produced,
            FinishReason = produced >= request.MaxTokens ? "length" : "stop",
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
