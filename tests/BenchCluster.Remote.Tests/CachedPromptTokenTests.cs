using System.Text.Json.Nodes;
using BenchCluster.Engine.Completions;
using static BenchCluster.Remote.Tests.RemoteTestSupport;

namespace BenchCluster.Remote.Tests;

/// <summary>Prompt-cache counts as servers report them, and conversations sent as chat messages.</summary>
public sealed class CachedPromptTokenTests
{
    [Fact]
    public async Task Cached_tokens_come_from_the_usages_prompt_tokens_details()
    {
        var final = await FinalChunkAsync("""{"choices":[],"usage":{"prompt_tokens":120,"completion_tokens":1,"prompt_tokens_details":{"cached_tokens":96}}}""");

        Assert.Equal(120, final.PromptTokens);
        Assert.Equal(96, final.CachedPromptTokens);
    }

    [Fact]
    public async Task Llama_servers_timings_cache_n_counts_when_the_usage_has_no_details_and_the_usage_wins_when_both_do()
    {
        // llama-server's final chat chunk: timings with cache_n (prompt tokens taken from the slot), then the usage event.
        var fromTimings = await FinalChunkAsync("""{"choices":[],"timings":{"cache_n":57,"prompt_n":3,"predicted_n":1}}""");
        var both = await FinalChunkAsync("""{"choices":[],"timings":{"cache_n":57},"usage":{"prompt_tokens":60,"completion_tokens":1,"prompt_tokens_details":{"cached_tokens":56}}}""");

        Assert.Equal(57, fromTimings.CachedPromptTokens);
        Assert.Equal(56, both.CachedPromptTokens);
    }

    [Fact]
    public async Task A_server_that_says_nothing_about_its_cache_leaves_the_count_unknown()
    {
        var final = await FinalChunkAsync("""{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":1,"prompt_tokens_details":null}}""");

        Assert.Null(final.CachedPromptTokens);
        Assert.Equal(12, final.PromptTokens);
    }

    [Fact]
    public async Task A_conversations_messages_are_sent_in_order_with_their_roles()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("x", finishReason: "length");
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { UseChat = true });
        ChatMessage[] messages = [new("system", "Be brief."), new("user", "Hi"), new("assistant", "Hello!"), new("user", "And then?")];

        await CollectAsync(backend, Request() with { Messages = messages, Prompt = "ignored when messages are given" });

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        var sent = body["messages"]!.AsArray().Select(m => new ChatMessage((string)m!["role"]!, (string)m["content"]!)).ToList();
        Assert.Equal(messages, sent);
    }

    private static async Task<CompletionChunk> FinalChunkAsync(string lastEvent)
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("a", finishReason: "length");
            await exchange.SendEventAsync(lastEvent);
            await exchange.SendDoneAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));
        var chunks = await CollectAsync(backend, Request(maxTokens: 1));
        Assert.True(chunks[^1].IsFinal);
        return chunks[^1];
    }
}
