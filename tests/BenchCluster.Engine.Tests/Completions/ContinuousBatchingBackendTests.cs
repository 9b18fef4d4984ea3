using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Tests.Inference;
using BenchCluster.Engine.Timing;
using static BenchCluster.Engine.Tests.Completions.CompletionStreams;

namespace BenchCluster.Engine.Tests.Completions;

[Collection(TinyModelCollection.Name)]
public sealed class ContinuousBatchingBackendTests(TinyModelFixture model)
{
    [Fact]
    public async Task Concurrent_requests_each_get_exactly_max_tokens_one_per_chunk_with_increasing_decode_thread_timestamps()
    {
        await using var backend = await OpenAsync(model, slots: 4);
        int[][] prompts = [[10, 11, 12], [20, 21], [30, 31, 32, 33, 34], [40]];
        var before = MonotonicClock.NowNs();

        var results = await Task.WhenAll(prompts.Select(p => ReadAllAsync(backend, Tokens(p, maxTokens: 20))));

        var after = MonotonicClock.NowNs();
        for (var r = 0; r < prompts.Length; r++)
        {
            var chunks = results[r];
            Assert.Equal(20, chunks.Count);
            Assert.All(chunks, c => Assert.Equal(1, c.TokenCount));
            Assert.All(chunks[..^1], c => Assert.False(c.IsFinal));
            var final = chunks[^1];
            Assert.True(final.IsFinal);
            Assert.Equal("length", final.FinishReason);
            Assert.Equal(prompts[r].Length, final.PromptTokens);
            Assert.Equal(20, final.CompletionTokens);
            Assert.InRange(chunks[0].TimestampNs, before, after);
            for (var i = 1; i < chunks.Count; i++)
                Assert.True(chunks[i].TimestampNs > chunks[i - 1].TimestampNs, $"request {r}: token {i} is not after token {i - 1}");
        }
        Assert.Equal(0, backend.RequestsInFlight);
    }

    [Fact]
    public async Task The_context_reserves_logits_for_one_token_per_slot_as_llama_server_does_and_full_steps_fit()
    {
        await using var backend = await OpenAsync(model, slots: 3);
        int[][] prompts = [[1, 2], [3, 4, 5, 6], [7]];

        // Every step asks one logits row per busy slot (a generation token, or a prompt's last token): at most 3.
        var results = await Task.WhenAll(prompts.Select(p => ReadAllAsync(backend, Tokens(p, maxTokens: 12))));

        Assert.Equal(3, backend.Session.MaxOutputs);
        Assert.All(results, chunks => Assert.Equal(12, chunks.Count));
        Assert.All(results, chunks => Assert.Equal("length", chunks[^1].FinishReason));
    }

    [Fact]
    public async Task Requests_beyond_the_slots_wait_and_never_more_than_the_slots_generate_at_once()
    {
        const int slots = 2;
        await using var backend = await OpenAsync(model, slots);

        var results = await Task.WhenAll(Enumerable.Range(0, 7).Select(i => ReadAllAsync(backend, Tokens([100 + i, 7, 8], maxTokens: 12))));

        Assert.All(results, chunks => Assert.Equal(12, chunks.Count));
        Assert.All(results, chunks => Assert.Equal(12, chunks[^1].CompletionTokens));
        // A request's tokens span [first, last]; a queued one gets its first token only after a slot's request ended.
        var spans = results.Select(c => (First: c[0].TimestampNs, Last: c[^1].TimestampNs)).ToList();
        foreach (var (first, _) in spans)
            Assert.InRange(spans.Count(s => s.First <= first && first <= s.Last), 1, slots);
        Assert.True(spans.Max(s => s.First) > spans.Min(s => s.Last), "later requests should have started after the first ones finished");
    }

    [Fact]
    public async Task A_request_arriving_mid_generation_joins_the_running_decode_steps()
    {
        await using var backend = await OpenAsync(model, slots: 2);
        var stepsBefore = backend.DecodeSteps;
        var firstToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var longer = Task.Run(async () =>
        {
            var chunks = new List<CompletionChunk>();
            await foreach (var chunk in backend.StreamAsync(Tokens([5, 6], 250)))
            {
                chunks.Add(chunk);
                firstToken.TrySetResult();
            }
            return chunks;
        });
        await firstToken.Task;

        var joined = await ReadAllAsync(backend, Tokens([7, 8, 9], 30));
        var first = await longer;

        // The longer request decodes in every step from its prompt to its last token (250 decodes). The later one
        // ran inside that span, so its prompt and all its steps rode along in the same decodes: no extra step.
        Assert.InRange(joined[0].TimestampNs, first[0].TimestampNs, first[^1].TimestampNs);
        Assert.InRange(joined[^1].TimestampNs, first[0].TimestampNs, first[^1].TimestampNs);
        Assert.Equal(30, joined.Count);
        Assert.Equal(250, backend.DecodeSteps - stepsBefore);
    }

    [Fact]
    public async Task A_cancelled_request_frees_its_slot_without_disturbing_the_other()
    {
        await using var backend = await OpenAsync(model, slots: 2);
        using var cancellation = new CancellationTokenSource();
        var cancelledTokens = 0;

        var other = ReadAllAsync(backend, Tokens([3, 4, 5], maxTokens: 200));
        var cancelled = Task.Run(async () =>
        {
            await foreach (var _ in backend.StreamAsync(Tokens([6, 7], maxTokens: 240), cancellation.Token))
            {
                if (++cancelledTokens == 5)
                    await cancellation.CancelAsync();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(5, cancelledTokens);
        var survivor = await other;
        Assert.Equal(200, survivor.Count);
        Assert.Equal(200, survivor[^1].CompletionTokens);
        // Both slots are usable again, each for a request that needs all of its cells (positions start from 0 again).
        var refill = await Task.WhenAll(ReadAllAsync(backend, Tokens([1, 2], 250)), ReadAllAsync(backend, Tokens([1, 2], 250)));
        Assert.All(refill, r => Assert.Equal(250, r.Count));
        Assert.Equal(0, backend.RequestsInFlight);
    }

    [Fact]
    public async Task A_reader_that_stops_early_gives_its_only_slot_to_the_next_request()
    {
        await using var backend = await OpenAsync(model, slots: 1);

        await foreach (var chunk in backend.StreamAsync(Tokens([9, 9, 9], maxTokens: 250)))
            break;
        var next = await ReadAllAsync(backend, Tokens([1], maxTokens: 250));

        Assert.Equal(250, next.Count);
    }

    [Fact]
    public async Task A_prompt_longer_than_a_slot_fails_naming_both_lengths_and_the_backend_keeps_serving()
    {
        await using var backend = await OpenAsync(model, slots: 2);
        var tooLong = Enumerable.Range(1, backend.ContextPerSlot + 1).ToArray();

        var error = await Assert.ThrowsAsync<CompletionException>(() => ReadAllAsync(backend, Tokens(tooLong, 4)));

        Assert.Equal(CompletionFailureKind.ClientError, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains($"{tooLong.Length} tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains($"holds {backend.ContextPerSlot}", error.Message, StringComparison.Ordinal);
        Assert.Contains("context size", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await ReadAllAsync(backend, Tokens([1, 2], 4))).Count);
    }

    [Fact]
    public async Task A_request_reaching_the_end_of_its_slot_stops_with_length_at_the_last_free_cell()
    {
        await using var backend = await OpenAsync(model, slots: 1);
        var prompt = Enumerable.Range(1, backend.ContextPerSlot - 10).ToArray();

        var chunks = await ReadAllAsync(backend, Tokens(prompt, maxTokens: 50));

        // The prompt fills all but 10 cells: 10 more inputs fit, and the 11th token comes from the last one's logits.
        Assert.Equal(11, chunks.Count);
        Assert.Equal("length", chunks[^1].FinishReason);
        Assert.Equal(11, chunks[^1].CompletionTokens);
    }

    [Fact]
    public async Task A_full_queue_refuses_the_request_at_once_with_503()
    {
        await using var backend = await OpenAsync(model, slots: 1, maxQueued: 1);
        using var stop = new CancellationTokenSource();
        var running = ReadAllAsync(backend, Tokens([1], 250), stop.Token);
        var queued = ReadAllAsync(backend, Tokens([2], 250), stop.Token);
        Assert.Equal(2, backend.RequestsInFlight); // a stream's request is queued by its first MoveNextAsync, before it awaits

        var error = await Assert.ThrowsAsync<CompletionException>(() => ReadAllAsync(backend, Tokens([3], 4)));

        Assert.Equal(CompletionFailureKind.ServerError, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("queue", error.Message, StringComparison.Ordinal);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
    }

    [Fact]
    public async Task Bad_requests_fail_as_client_errors_naming_the_field()
    {
        await using var backend = await OpenAsync(model, slots: 1);

        var zero = await Assert.ThrowsAsync<CompletionException>(() => ReadAllAsync(backend, Tokens([1], 0)));
        var outside = await Assert.ThrowsAsync<CompletionException>(() => ReadAllAsync(backend, Tokens([1, model.Backend.Model.VocabularySize], 2)));
        var noPrompt = await Assert.ThrowsAsync<CompletionException>(() => ReadAllAsync(backend, new CompletionRequest { MaxTokens = 2 }));
        var badTemperature = await Assert.ThrowsAsync<CompletionException>(() => ReadAllAsync(backend,
            Tokens([1], 2, new SamplingOptions { Mode = SamplingMode.Temperature, Temperature = -1 })));

        Assert.All([zero, outside, noPrompt, badTemperature], e => Assert.Equal(CompletionFailureKind.ClientError, e.Kind));
        Assert.Contains("max_tokens", zero.Message, StringComparison.Ordinal);
        Assert.Contains("vocabulary", outside.Message, StringComparison.Ordinal);
        Assert.Contains("prompt", noPrompt.Message, StringComparison.Ordinal);
        Assert.Contains("Temperature", badTemperature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposal_fails_requests_in_flight_with_a_completion_error_and_refuses_new_ones()
    {
        var backend = await OpenAsync(model, slots: 1);
        var firstToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(async () =>
        {
            await foreach (var _ in backend.StreamAsync(Tokens([1], 250)))
                firstToken.TrySetResult();
        });
        await firstToken.Task;
        var waiting = ReadAllAsync(backend, Tokens([2], 250));

        await backend.DisposeAsync();

        var error = await Assert.ThrowsAsync<CompletionException>(() => running);
        Assert.Equal(CompletionFailureKind.EngineError, error.Kind);
        Assert.Contains("disposed", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CompletionException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => ReadAllAsync(backend, Tokens([3], 2)));
    }
}
