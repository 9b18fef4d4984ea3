using System.Net;
using BenchCluster.Engine.Completions;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>A full server answers 503 with Retry-After at once instead of queueing without end.</summary>
public sealed class QueueLimitTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Requests_beyond_the_slots_and_the_queue_get_503_with_retry_after_and_the_held_ones_finish()
    {
        const int Slots = 1;
        const int Queue = 2;
        const int Extra = 5;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new ScriptedCompletionBackend([new("a")]) { Gate = gate };
        await using var endpoint = await ServedEndpoint.StartAsync(backend, o => o.ForBackend(Slots, contextPerSlot: 64, Queue));
        var held = Enumerable.Range(0, Slots + Queue)
            .Select(_ => RawResponse.PostJsonAsync(endpoint.Http, "completions", """{"prompt":"p","max_tokens":1}"""))
            .ToList();
        using (var guard = new CancellationTokenSource(HangGuard))
        {
            while (backend.Requests.Count < Slots + Queue)
                await Task.Delay(10, guard.Token);
        }

        var refused = await Task.WhenAll(Enumerable.Range(0, Extra)
            .Select(_ => RawResponse.PostJsonAsync(endpoint.Http, "completions", """{"prompt":"q","max_tokens":1}""")));
        gate.SetResult();
        var finished = await Task.WhenAll(held).WaitAsync(HangGuard);

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status));
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter?.Delta));
        Assert.All(refused, r => Assert.Contains($"limit of {Slots + Queue} concurrent requests", r.Message, StringComparison.Ordinal));
        Assert.All(refused, r => Assert.Contains("--max-queue", r.Message, StringComparison.Ordinal));
        Assert.All(finished, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(Slots + Queue, backend.Requests.Count);
        ReliabilityLog.BadInput(new BadInputRecord("http request", $"{Extra} requests beyond {Slots} slot + {Queue} queued", Extra,
            "each 503 with Retry-After: 1 at once, not queued; the held requests finished 200",
            nameof(Requests_beyond_the_slots_and_the_queue_get_503_with_retry_after_and_the_held_ones_finish)));
    }

    [Fact]
    public async Task A_backend_whose_queue_is_full_is_answered_503_with_retry_after()
    {
        var backend = new ScriptedCompletionBackend([new("a")])
        {
            Failure = new CompletionException("All 4 slots are busy and 64 requests already wait (the queue limit).", CompletionFailureKind.ServerError, 503),
        };
        await using var endpoint = await ServedEndpoint.StartAsync(backend);

        var answer = await RawResponse.PostJsonAsync(endpoint.Http, "completions", """{"prompt":"p","max_tokens":1,"stream":true}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.NotNull(answer.Headers.RetryAfter);
        Assert.Contains("queue limit", answer.Message, StringComparison.Ordinal);
    }
}
