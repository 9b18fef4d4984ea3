using System.Runtime.CompilerServices;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Tests.Fakes;

/// <summary>
/// An ICompletionBackend answering from a script. Event timestamps are the request's start plus the scripted
/// offsets, so timelines are exact without waiting; <see cref="HoldNs"/> > 0 makes each request really take that
/// long (to observe requests in flight).
/// </summary>
public sealed class FakeCompletionBackend(Func<CompletionRequest, int, ScriptedResponse> script, int? maxConcurrency = null) : IAsyncDisposable, ICompletionBackend
{
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;
    private readonly List<CompletionRequest> _requests = [];

    public CompletionBackendInfo Info { get; } = new() { Kind = "fake", Model = "fake-model", Location = "memory", MaxConcurrency = maxConcurrency };

    public long HoldNs { get; init; }

    public int Calls => _calls;

    public int MaxInFlight => _maxInFlight;

    public IReadOnlyList<CompletionRequest> Requests
    {
        get
        {
            lock (_requests)
                return _requests.ToList();
        }
    }

    /// <summary>Every request gets <paramref name="tokens"/> one-token events at the given pace.</summary>
    public static FakeCompletionBackend Steady(int ttftMs = 10, int gapMs = 2, int? maxConcurrency = null) =>
        new((request, _) => ScriptedResponse.Steady(request.MaxTokens, ttftMs * 1_000_000L, gapMs * 1_000_000L, request.PromptTokens?.Count ?? 10), maxConcurrency);

    public async IAsyncEnumerable<CompletionChunk> StreamAsync(CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls) - 1;
        lock (_requests)
            _requests.Add(request);
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            var response = script(request, call);
            var start = MonotonicClock.NowNs();
            await Task.Yield();
            if (HoldNs > 0)
                await Task.Delay(TimeSpan.FromTicks(HoldNs / 100), cancellationToken);
            foreach (var e in response.Events)
                yield return new CompletionChunk { TimestampNs = start + e.OffsetNs, TokenCount = e.Tokens, Text = "x", ReasoningTokenCount = e.Reasoning, TokenCountExact = e.Exact };
            if (response.Failure is { } failure)
                throw failure;
            var end = start + (response.Events.Count > 0 ? response.Events[^1].OffsetNs : 0);
            yield return new CompletionChunk
            {
                TimestampNs = end,
                IsFinal = true,
                PromptTokens = response.ServerPromptTokens,
                CompletionTokens = response.ServerOutputTokens,
                FinishReason = "length",
            };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
