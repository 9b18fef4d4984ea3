using System.Text.Json.Nodes;
using static BenchCluster.Remote.Tests.RemoteTestSupport;

namespace BenchCluster.Remote.Tests.Reasoning;

/// <summary>Reasoning streams and per-chunk counts, in the shapes llama-server and vLLM send them.</summary>
public sealed class ReasoningStreamTests
{
    private static string Delta(string field, string text, string? extra = null) =>
        $$"""{"choices":[{"index":0,"delta":{"{{field}}":"{{text}}"},"finish_reason":null}]{{extra}}}""";

    [Fact]
    public async Task Llama_server_reasoning_content_with_timings_per_token_counts_reasoning_apart_and_exactly()
    {
        // llama-server --reasoning-format deepseek with timings_per_token: timings.predicted_n is the running count.
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendEventAsync(Delta("reasoning_content", "Let me", ""","timings":{"predicted_n":2}"""));
            await exchange.SendEventAsync(Delta("reasoning_content", " think", ""","timings":{"predicted_n":3}"""));
            // </think> and the first answer token came out together: the marker has no text of its own.
            await exchange.SendEventAsync(Delta("content", "Yes", ""","timings":{"predicted_n":5}"""));
            await exchange.SendEventAsync(Delta("content", ".", ""","timings":{"predicted_n":6}"""));
            await exchange.SendEventAsync("""{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":4,"completion_tokens":6}}""");
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { UseChat = true });

        var chunks = await CollectAsync(backend, Request(maxTokens: 16));

        var tokens = chunks.Where(c => c.TokenCount > 0).ToList();
        Assert.Equal([2, 1, 2, 1], tokens.Select(c => c.TokenCount));
        Assert.Equal([2, 1, 0, 0], tokens.Select(c => c.ReasoningTokenCount));
        Assert.All(tokens, c => Assert.True(c.TokenCountExact));
        Assert.Equal("Yes", tokens[2].Text);
    }

    [Fact]
    public async Task Vllm_continuous_usage_counts_are_exact_and_an_event_with_both_parts_keeps_a_token_for_the_answer()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendEventAsync(Delta("reasoning_content", "hmm", ""","usage":{"prompt_tokens":3,"completion_tokens":3}"""));
            await exchange.SendEventAsync("""{"choices":[{"index":0,"delta":{"reasoning_content":"ok","content":"A"},"finish_reason":null}],"usage":{"prompt_tokens":3,"completion_tokens":5}}""");
            await exchange.SendEventAsync("""{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":5}}""");
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { UseChat = true });

        var chunks = await CollectAsync(backend, Request(maxTokens: 16));

        var tokens = chunks.Where(c => c.TokenCount > 0).ToList();
        Assert.Equal([3, 2], tokens.Select(c => c.TokenCount));
        Assert.Equal(3, tokens[0].ReasoningTokenCount);
        Assert.Equal(1, tokens[1].ReasoningTokenCount); // "ok" + "A": two of three characters, at most one token short of all
        Assert.All(tokens, c => Assert.True(c.TokenCountExact));
    }

    [Fact]
    public async Task Events_without_any_count_are_one_token_each_and_say_the_count_is_a_guess()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("two tokens");
            await exchange.SendTextEventAsync("x", finishReason: "length");
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var chunks = await CollectAsync(backend, Request());

        var tokens = chunks.Where(c => c.TokenCount > 0).ToList();
        Assert.Equal([1, 1], tokens.Select(c => c.TokenCount));
        Assert.All(tokens, c => Assert.False(c.TokenCountExact));
        Assert.All(tokens, c => Assert.Equal(0, c.ReasoningTokenCount));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Asks_for_per_chunk_usage_only_where_extension_fields_may_be_sent(bool extensions)
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("x", finishReason: "length");
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { SendExtensionFields = extensions });

        await CollectAsync(backend, Request());

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.True((bool?)body["stream_options"]!["include_usage"]);
        Assert.Equal(extensions ? true : null, (bool?)body["stream_options"]!["continuous_usage_stats"]);
        Assert.Equal(extensions ? true : null, (bool?)body["timings_per_token"]);
    }
}
