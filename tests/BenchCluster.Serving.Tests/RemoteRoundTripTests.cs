using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Serving.Tests;

/// <summary>The remote client benchmarking <c>benchcluster serve</c>: real HTTP on loopback, a scripted backend behind it.</summary>
public sealed class RemoteRoundTripTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static readonly ScriptedToken[] FourTokens = [new("Once", DelayMs: 30), new(" upon", DelayMs: 30), new(" a", DelayMs: 30), new(" time", DelayMs: 30)];

    [Fact]
    public async Task Streams_tokens_with_counts_usage_finish_reason_and_arrival_after_production()
    {
        var backend = new ScriptedCompletionBackend(FourTokens, promptTokens: 5);
        await using var endpoint = await ServedEndpoint.StartAsync(backend);

        var chunks = await CollectAsync(endpoint.Client, new CompletionRequest { Prompt = "Tell a story", MaxTokens = 4 });

        Assert.Equal(["Once", " upon", " a", " time", ""], chunks.Select(c => c.Text));
        Assert.Equal([1, 1, 1, 1, 0], chunks.Select(c => c.TokenCount));
        var final = chunks[^1];
        Assert.True(final.IsFinal);
        Assert.Equal(5, final.PromptTokens);
        Assert.Equal(4, final.CompletionTokens);
        Assert.Equal("length", final.FinishReason);
        // One clock on one machine: every token arrives after it was produced, in order.
        var produced = backend.ProducedNs.ToArray();
        for (var i = 0; i < produced.Length; i++)
            Assert.True(chunks[i].TimestampNs >= produced[i], $"token {i} arrived at {chunks[i].TimestampNs} before it was produced at {produced[i]}");
        Assert.Equal(chunks.Select(c => c.TimestampNs).Order(), chunks.Select(c => c.TimestampNs));
    }

    [Fact]
    public async Task Gives_the_same_tokens_and_usage_as_the_in_process_path()
    {
        ScriptedToken[] script = [new("a"), new("bc", TokenCount: 2), new("", TokenCount: 1), new("d")];
        var backend = new ScriptedCompletionBackend(script);
        await using var endpoint = await ServedEndpoint.StartAsync(backend);
        var request = new CompletionRequest { Prompt = "p", MaxTokens = 5 };

        var direct = await CollectAsync(backend, request);
        var remote = await CollectAsync(endpoint.Client, request);

        Assert.Equal(direct.Where(c => !c.IsFinal).Select(c => (c.Text, c.TokenCount)), remote.Where(c => !c.IsFinal).Select(c => (c.Text, c.TokenCount)));
        Assert.Equal((direct[^1].PromptTokens, direct[^1].CompletionTokens, direct[^1].FinishReason),
            (remote[^1].PromptTokens, remote[^1].CompletionTokens, remote[^1].FinishReason));
        Assert.Equal(direct.Sum(c => c.TokenCount), remote.Sum(c => c.TokenCount));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Forwards_ignore_eos_max_tokens_and_sampling_to_the_backend(bool ignoreEos)
    {
        var backend = new ScriptedCompletionBackend([new("x")]);
        await using var endpoint = await ServedEndpoint.StartAsync(backend);
        var sampling = new SamplingOptions { Mode = SamplingMode.Temperature, Temperature = 0.7f, TopK = 12, Seed = 99 };

        await CollectAsync(endpoint.Client, new CompletionRequest { Prompt = "p", MaxTokens = 9, IgnoreEos = ignoreEos, Sampling = sampling });

        var seen = Assert.Single(backend.Requests);
        Assert.Equal(ignoreEos, seen.IgnoreEos);
        Assert.Equal(9, seen.MaxTokens);
        Assert.Equal("p", seen.Prompt);
        Assert.Equal(sampling, seen.Sampling);
    }

    [Fact]
    public async Task Greedy_requests_arrive_greedy_and_token_ids_arrive_as_token_ids()
    {
        var backend = new ScriptedCompletionBackend([new("x")]);
        await using var endpoint = await ServedEndpoint.StartAsync(backend);

        await CollectAsync(endpoint.Client, new CompletionRequest { PromptTokens = [5, 6, 7], MaxTokens = 1, Sampling = SamplingOptions.Greedy });

        var seen = Assert.Single(backend.Requests);
        Assert.Equal(SamplingMode.Greedy, seen.Sampling.Mode);
        Assert.Equal([5, 6, 7], seen.PromptTokens!);
        Assert.Null(seen.Prompt);
    }

    [Fact]
    public async Task Chat_requests_reach_the_backend_through_the_chat_template()
    {
        var backend = new ScriptedCompletionBackend([new("Hi"), new("!")]);
        await using var endpoint = await ServedEndpoint.StartAsync(backend, o => o with { ChatTemplate = ChatTemplateKind.ChatMl }, chat: true);

        var chunks = await CollectAsync(endpoint.Client, new CompletionRequest { Prompt = "Hello", MaxTokens = 2 });

        Assert.Equal("<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n", Assert.Single(backend.Requests).Prompt);
        Assert.Equal(["Hi", "!"], chunks.Where(c => !c.IsFinal).Select(c => c.Text));
        Assert.Equal(2, chunks[^1].CompletionTokens);
    }

    [Fact]
    public async Task Cancelling_the_client_cancels_the_backend_request()
    {
        var backend = new ScriptedCompletionBackend([new("a"), new("b", DelayMs: 60_000)]);
        await using var endpoint = await ServedEndpoint.StartAsync(backend);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in endpoint.Client.StreamAsync(new CompletionRequest { Prompt = "p", MaxTokens = 2 }, cancel.Token))
                await cancel.CancelAsync();
        });

        await backend.Cancelled.Task.WaitAsync(HangGuard);
    }

    [Fact]
    public async Task A_backend_refusal_before_the_first_token_is_an_http_status()
    {
        var backend = new ScriptedCompletionBackend([new("a")])
        {
            Failure = new CompletionException("Prompt of 9000 tokens exceeds the context of 4096.", CompletionFailureKind.ClientError),
        };
        await using var endpoint = await ServedEndpoint.StartAsync(backend);

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(endpoint.Client, new CompletionRequest { Prompt = "p", MaxTokens = 1 }));

        Assert.Equal(CompletionFailureKind.ClientError, e.Kind);
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("exceeds the context of 4096", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backend_failure_mid_stream_reaches_the_client_as_an_error_event()
    {
        var backend = new ScriptedCompletionBackend([new("a"), new("b"), new("c")])
        {
            Failure = new CompletionException("llama_decode returned -3", CompletionFailureKind.EngineError),
            FailAtToken = 2,
        };
        await using var endpoint = await ServedEndpoint.StartAsync(backend);
        var received = new List<CompletionChunk>();

        var e = await Assert.ThrowsAsync<CompletionException>(async () =>
        {
            await foreach (var chunk in endpoint.Client.StreamAsync(new CompletionRequest { Prompt = "p", MaxTokens = 3 }))
                received.Add(chunk);
        });

        Assert.Equal(CompletionFailureKind.ServerError, e.Kind);
        Assert.Equal(500, e.StatusCode);
        Assert.Contains("llama_decode returned -3", e.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], received.Select(c => c.Text));
    }

    [Fact]
    public async Task A_saturated_server_answers_503_which_the_client_reports_as_a_server_error()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new ScriptedCompletionBackend([new("a")]) { Gate = gate };
        await using var endpoint = await ServedEndpoint.StartAsync(backend, o => o with { MaxConcurrentRequests = 1 });
        var first = CollectAsync(endpoint.Client, new CompletionRequest { Prompt = "p", MaxTokens = 1 });
        await backend.Started.Task.WaitAsync(HangGuard);

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(endpoint.Client, new CompletionRequest { Prompt = "q", MaxTokens = 1 }));
        gate.SetResult();

        Assert.Equal(CompletionFailureKind.ServerError, e.Kind);
        Assert.Equal(503, e.StatusCode);
        Assert.Contains("limit of 1 concurrent requests", e.Message, StringComparison.Ordinal);
        Assert.Equal("a", (await first.WaitAsync(HangGuard))[0].Text);
    }

    private static async Task<List<CompletionChunk>> CollectAsync(ICompletionBackend backend, CompletionRequest request)
    {
        var chunks = new List<CompletionChunk>();
        await foreach (var chunk in backend.StreamAsync(request).WithCancellation(CancellationToken.None))
            chunks.Add(chunk);
        return chunks;
    }
}
