using System.Text.Json;
using System.Text.Json.Nodes;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Timing;
using static BenchCluster.Remote.Tests.RemoteTestSupport;

namespace BenchCluster.Remote.Tests;

public sealed class OpenAiCompatibleBackendStreamTests
{
    [Fact]
    public async Task Streams_text_events_as_one_token_each_and_ends_with_the_servers_usage()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("a");
            await exchange.SendTextEventAsync("b");
            await exchange.SendTextEventAsync("c", finishReason: "length");
            await exchange.SendUsageAsync(prompt: 7, completion: 3);
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));
        var before = MonotonicClock.NowNs();

        var chunks = await CollectAsync(backend, Request(maxTokens: 3));

        Assert.Equal(["a", "b", "c", ""], chunks.Select(c => c.Text));
        Assert.Equal([1, 1, 1, 0], chunks.Select(c => c.TokenCount));
        var final = chunks[^1];
        Assert.True(final.IsFinal);
        Assert.Equal(7, final.PromptTokens);
        Assert.Equal(3, final.CompletionTokens);
        Assert.Equal("length", final.FinishReason);
        Assert.All(chunks, c => Assert.InRange(c.TimestampNs, before, MonotonicClock.NowNs()));
        Assert.Equal(chunks.Select(c => c.TimestampNs).Order(), chunks.Select(c => c.TimestampNs));
    }

    [Fact]
    public async Task Sends_the_streaming_body_with_ignore_eos_min_tokens_and_sampling()
    {
        await using var server = new ScriptedHttpServer(CompleteWithOneToken);
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));
        var request = Request(maxTokens: 16) with
        {
            IgnoreEos = true,
            Sampling = new SamplingOptions { Mode = SamplingMode.Temperature, Temperature = 0.5f, TopK = 20, Seed = 7 },
        };

        await CollectAsync(backend, request);

        var received = Assert.Single(server.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/v1/completions", received.Path);
        var body = JsonNode.Parse(received.Body)!.AsObject();
        Assert.Equal("test-model", (string?)body["model"]);
        Assert.Equal("Hello", (string?)body["prompt"]);
        Assert.Equal(16, (int?)body["max_tokens"]);
        Assert.True((bool?)body["stream"]);
        Assert.True((bool?)body["stream_options"]!["include_usage"]);
        Assert.True((bool?)body["ignore_eos"]);
        Assert.Equal(16, (int?)body["min_tokens"]);
        Assert.Equal(0.5, (double?)body["temperature"]);
        Assert.Equal(20, (int?)body["top_k"]);
        Assert.Equal(1, (double?)body["top_p"]);
        Assert.Equal(0, (double?)body["min_p"]);
        Assert.Equal(7, (int?)body["seed"]);
        Assert.False(received.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Leaves_out_extension_fields_for_strict_servers_and_lets_extra_fields_replace_defaults()
    {
        await using var server = new ScriptedHttpServer(CompleteWithOneToken);
        var options = OptionsFor(server) with
        {
            UseChat = true,
            SendExtensionFields = false,
            MaxTokensField = "max_completion_tokens",
            ExtraBodyFields = new Dictionary<string, JsonNode?> { ["temperature"] = 0.25, ["user"] = "bench" },
        };
        await using var backend = new OpenAiCompatibleBackend(options);

        await CollectAsync(backend, Request(maxTokens: 8) with { IgnoreEos = true });

        var received = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", received.Path);
        var body = JsonNode.Parse(received.Body)!.AsObject();
        Assert.Equal("user", (string?)body["messages"]![0]!["role"]);
        Assert.Equal("Hello", (string?)body["messages"]![0]!["content"]);
        Assert.Equal(8, (int?)body["max_completion_tokens"]);
        Assert.False(body.ContainsKey("max_tokens"));
        Assert.False(body.ContainsKey("ignore_eos"));
        Assert.False(body.ContainsKey("min_tokens"));
        Assert.False(body.ContainsKey("top_k"));
        Assert.Equal(0.25, (double?)body["temperature"]);
        Assert.Equal("bench", (string?)body["user"]);
        Assert.Single(JsonDocument.Parse(received.Body).RootElement.EnumerateObject(), p => p.Name == "temperature");
    }

    [Fact]
    public async Task Sends_token_ids_as_the_prompt_of_a_completions_request()
    {
        await using var server = new ScriptedHttpServer(CompleteWithOneToken);
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        await CollectAsync(backend, new CompletionRequest { PromptTokens = [1, 2, 3], MaxTokens = 1 });

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal([1, 2, 3], body["prompt"]!.AsArray().Select(t => (int)t!));
    }

    [Fact]
    public async Task Sends_the_key_as_a_bearer_header()
    {
        var (variable, key) = FakeKey();
        await using var server = new ScriptedHttpServer(CompleteWithOneToken);
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server, variable));

        await CollectAsync(backend, Request());

        Assert.Equal($"Bearer {key}", Assert.Single(server.Requests).Headers["Authorization"]);
        Assert.DoesNotContain(key, backend.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, backend.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_several_tokens_in_one_event_from_llama_server_timings()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendEventAsync("""{"choices":[{"index":0,"delta":{"role":"assistant","content":null}}]}""");
            await exchange.SendEventAsync("""{"choices":[{"index":0,"delta":{"content":"ab"}}],"timings":{"predicted_n":2}}""");
            await exchange.SendEventAsync("""{"choices":[{"index":0,"delta":{"content":"cde"}}],"timings":{"predicted_n":5}}""");
            await exchange.SendEventAsync("""{"choices":[{"index":0,"delta":{},"finish_reason":"length"}],"timings":{"predicted_n":5}}""");
            await exchange.SendUsageAsync(prompt: 3, completion: 5);
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { UseChat = true });

        var chunks = await CollectAsync(backend, Request(maxTokens: 5));

        Assert.Equal([2, 3, 0], chunks.Select(c => c.TokenCount));
        Assert.Equal(["ab", "cde", ""], chunks.Select(c => c.Text));
        Assert.Equal(5, chunks[^1].CompletionTokens);
    }

    [Fact]
    public async Task Counts_tokens_from_the_growth_of_continuous_usage()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendEventAsync("""{"choices":[{"index":0,"text":"xy"}],"usage":{"prompt_tokens":4,"completion_tokens":2}}""");
            await exchange.SendEventAsync("""{"choices":[{"index":0,"text":"z"}],"usage":{"prompt_tokens":4,"completion_tokens":3}}""");
            await exchange.SendEventAsync("""{"choices":[{"index":0,"text":"","finish_reason":"stop"}],"usage":{"prompt_tokens":4,"completion_tokens":3}}""");
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var chunks = await CollectAsync(backend, Request());

        Assert.Equal([2, 1, 0], chunks.Select(c => c.TokenCount));
        Assert.Equal(3, chunks[^1].CompletionTokens);
        Assert.Equal(4, chunks[^1].PromptTokens);
        Assert.Equal("stop", chunks[^1].FinishReason);
    }

    [Fact]
    public async Task Does_not_count_twice_when_usage_rides_on_the_last_choice_as_llama_server_sends_it()
    {
        // Captured from llama-server (de3ff81) /v1/completions with stream_options.include_usage, ids shortened.
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendEventAsync("""{"choices":[{"text":".XtraBars","index":0,"logprobs":null,"finish_reason":null}],"object":"text_completion","id":"c1"}""");
            await exchange.SendEventAsync("""{"choices":[{"text":"(Schedulers","index":0,"logprobs":null,"finish_reason":null}],"object":"text_completion","id":"c1"}""");
            await exchange.SendEventAsync("""{"choices":[{"text":"","index":0,"logprobs":null,"finish_reason":"length"}],"object":"text_completion","usage":{"completion_tokens":3,"prompt_tokens":1,"total_tokens":4,"prompt_tokens_details":{"cached_tokens":0}},"id":"c1","timings":{"cache_n":0,"prompt_n":1,"prompt_ms":4.525,"predicted_n":3,"predicted_ms":10.711}}""");
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var chunks = await CollectAsync(backend, Request(maxTokens: 3));

        // Two text events, then the third token, which had no text of its own, lands on the finishing event.
        Assert.Equal([1, 1, 1, 0], chunks.Select(c => c.TokenCount));
        Assert.Equal([".XtraBars", "(Schedulers", "", ""], chunks.Select(c => c.Text));
        Assert.Equal((1, 3, "length"), (chunks[^1].PromptTokens, chunks[^1].CompletionTokens, chunks[^1].FinishReason));
    }

    [Fact]
    public async Task Ends_normally_without_done_once_the_server_gave_a_finish_reason()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.WriteAsync(": ping\r\n\r\n");
            await exchange.WriteAsync("data: {\"choices\":[{\"index\":0,\"text\":\"a\",\"finish_reason\":\"stop\"}]}\r\n\r\n");
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var chunks = await CollectAsync(backend, Request());

        Assert.Equal(2, chunks.Count);
        Assert.Equal("a", chunks[0].Text);
        Assert.True(chunks[1].IsFinal);
        Assert.Null(chunks[1].CompletionTokens);
        Assert.Equal("stop", chunks[1].FinishReason);
    }

    private static async Task CompleteWithOneToken(ScriptedExchange exchange)
    {
        await exchange.StartEventStreamAsync();
        await exchange.SendTextEventAsync("x", finishReason: "length");
        await exchange.SendUsageAsync(prompt: 1, completion: 1);
        await exchange.SendDoneAsync();
    }
}
