using System.Text;
using System.Text.Json.Nodes;
using BenchCluster.Engine.Completions;

namespace BenchCluster.Serving.Tests.Reasoning;

/// <summary>
/// benchcluster serve streams a think span as delta.reasoning_content (as llama-server does with --reasoning-format
/// deepseek), and the remote client reads it back as reasoning tokens, exactly counted: the TTFO path end to end.
/// </summary>
public sealed class ReasoningStreamProtocolTests
{
    private static readonly ScriptedToken[] ThinkThenAnswer =
    [
        new("", Reasoning: true), new("Let me", Reasoning: true), new(" see", TokenCount: 2, Reasoning: true), new("", Reasoning: true),
        new("Yes", DelayMs: 20), new("."),
    ];

    [Fact]
    public async Task Reasoning_goes_out_as_reasoning_content_and_comes_back_as_reasoning_tokens()
    {
        var backend = new ScriptedCompletionBackend(ThinkThenAnswer);
        await using var endpoint = await ServedEndpoint.StartAsync(backend, o => o with { ChatTemplate = ChatTemplateKind.DeepSeekR1 }, chat: true);

        var raw = await PostChatAsync(endpoint);
        var chunks = new List<CompletionChunk>();
        await foreach (var chunk in endpoint.Client.StreamAsync(new CompletionRequest { Prompt = "Why?", MaxTokens = 7 }))
            chunks.Add(chunk);

        var deltas = raw.Select(e => e["choices"]?[0]?["delta"]).Where(d => d?["reasoning_content"] is not null || d?["content"] is JsonValue).ToList();
        Assert.Equal(["", "Let me", " see", ""], deltas.Where(d => d!["reasoning_content"] is not null).Select(d => (string)d!["reasoning_content"]!));
        Assert.Equal(["Yes", "."], deltas.Where(d => d!["reasoning_content"] is null && (string?)d!["content"] != "").Select(d => (string)d!["content"]!));
        var tokens = chunks.Where(c => c.TokenCount > 0).ToList();
        Assert.Equal([1, 1, 2, 1, 1, 1], tokens.Select(c => c.TokenCount));
        Assert.Equal([1, 1, 2, 1, 0, 0], tokens.Select(c => c.ReasoningTokenCount));
        Assert.All(tokens, c => Assert.True(c.TokenCountExact));
        Assert.Equal(7, chunks[^1].CompletionTokens);
    }

    [Fact]
    public async Task A_template_without_a_think_span_streams_everything_as_content()
    {
        var backend = new ScriptedCompletionBackend(ThinkThenAnswer);
        await using var endpoint = await ServedEndpoint.StartAsync(backend, o => o with { ChatTemplate = ChatTemplateKind.ChatMl }, chat: true);

        var raw = await PostChatAsync(endpoint);

        Assert.DoesNotContain(raw, e => e["choices"]?[0]?["delta"]?["reasoning_content"] is not null);
        Assert.Contains(raw, e => (string?)e["choices"]?[0]?["delta"]?["content"] == "Let me");
    }

    private static async Task<List<JsonNode>> PostChatAsync(ServedEndpoint endpoint)
    {
        var body = $$"""{"model":"{{ServedEndpoint.ModelName}}","messages":[{"role":"user","content":"Why?"}],"max_tokens":7,"stream":true}""";
        using var response = await endpoint.Http.PostAsync("chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e["data: ".Length..])
            .Where(d => d != "[DONE]")
            .Select(d => JsonNode.Parse(d)!)
            .ToList();
    }
}
