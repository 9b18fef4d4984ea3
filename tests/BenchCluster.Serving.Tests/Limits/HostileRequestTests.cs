using System.Diagnostics;
using System.Net;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>
/// `serve`'s answers to hostile requests, over real HTTP, with the real continuous-batching backend on the tiny model:
/// each a 4xx with an OpenAI error naming what to fix, never a 500 (which OpenAI clients send again).
/// </summary>
public sealed class HostileRequestTests(TinyEngineFixture tiny) : IClassFixture<TinyEngineFixture>
{
    /// <summary>An error message stays readable whatever the request carried.</summary>
    private const int MaxMessageChars = 1000;

    [Theory]
    [InlineData("completions", false)]
    [InlineData("completions", true)]
    [InlineData("chat/completions", false)]
    [InlineData("chat/completions", true)]
    public async Task A_text_prompt_longer_than_the_context_is_a_400_naming_its_token_count_and_the_context(string path, bool stream)
    {
        await using var endpoint = await tiny.ServeAsync();
        var text = LongText();
        var chat = path.StartsWith("chat", StringComparison.Ordinal);
        var rendered = chat ? ChatPrompt.Render([("user", text)], ChatTemplateKind.Plain) : text;
        var promptTokens = tiny.Engine.Tokenize(rendered, addSpecial: true).Length;
        var body = chat
            ? $$"""{"messages":[{"role":"user","content":"{{text}}"}],"max_tokens":4,"stream":{{(stream ? "true" : "false")}}}"""
            : $$"""{"prompt":"{{text}}","max_tokens":4,"stream":{{(stream ? "true" : "false")}}}""";

        var answer = await RawResponse.PostJsonAsync(endpoint.Http, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_request_error", answer.Type);
        Assert.Contains($"{promptTokens} tokens", answer.Message, StringComparison.Ordinal);
        Assert.Contains($"holds {tiny.Engine.ContextPerSlot}", answer.Message, StringComparison.Ordinal);
        Assert.Contains("context", answer.Message, StringComparison.Ordinal);
        await AssertStillServesAsync(endpoint);
    }

    [Fact]
    public async Task A_token_prompt_longer_than_the_context_is_refused_before_it_is_read_into_an_array()
    {
        await using var endpoint = await tiny.ServeAsync();
        var count = tiny.Engine.ContextPerSlot + 1;

        var answer = await RawResponse.PostJsonAsync(endpoint.Http, "completions", $$"""{"prompt":[{{string.Join(',', Enumerable.Repeat(3, count))}}],"max_tokens":2}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("prompt", answer.Param);
        Assert.Contains($"{count} tokens", answer.Message, StringComparison.Ordinal);
        Assert.Contains($"context of {tiny.Engine.ContextPerSlot} tokens", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_hostile_request_of_the_catalogue_gets_its_4xx_naming_the_field_and_never_a_500()
    {
        await using var endpoint = await tiny.ServeAsync();
        var catalogue = HostileRequest.Catalogue(tiny.Engine.ContextPerSlot, LongText());
        var wrong = new List<string>();
        var clock = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;

        foreach (var request in catalogue)
        {
            var started = clock.Elapsed;
            var answer = await RawResponse.PostAsync(endpoint.Http, request.Path, new ByteArrayContent(request.Body));
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, (clock.Elapsed - started).Ticks));
            if (answer.Status != request.Expected)
                wrong.Add($"{request}: {(int)answer.Status} instead of {(int)request.Expected}: {answer.Body[..Math.Min(300, answer.Body.Length)]}");
            else if (answer.Error is null || answer.Message.Length > MaxMessageChars)
                wrong.Add($"{request}: no OpenAI error object, or a message of {answer.Message.Length} chars");
            else if (request.Param is not null && answer.Param != request.Param)
                wrong.Add($"{request}: param {answer.Param} instead of {request.Param}");
        }
        var wrongMethod = await endpoint.Http.GetAsync("completions");

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await AssertStillServesAsync(endpoint);
        ReliabilityLog.BadInput(new BadInputRecord("http request",
            "hostile /v1 bodies: prompts over the context (text, token ids, chat, streamed), max_tokens/n/best_of/stop/messages/content parts over their limits, wrong types, 600 kB numbers, 10,000-deep nesting, invalid UTF-8, non-object bodies",
            catalogue.Count,
            $"each a 400 (404 for an unknown model) with an OpenAI error naming the field, never a 500; slowest answer {slowest.TotalMilliseconds:0} ms; the engine served the next request",
            nameof(Every_hostile_request_of_the_catalogue_gets_its_4xx_naming_the_field_and_never_a_500)));
    }

    /// <summary>Far more tokens than a slot holds, in any vocabulary: distinct words, no JSON escapes needed.</summary>
    private static string LongText() =>
        string.Join(' ', Enumerable.Range(0, 2 * TinyEngineFixture.ContextPerSlot).Select(i => $"word{i}"));

    private static async Task AssertStillServesAsync(ServedEndpoint endpoint)
    {
        var answer = await RawResponse.PostJsonAsync(endpoint.Http, "completions", """{"prompt":[1,2,3],"max_tokens":3,"ignore_eos":true}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("\"completion_tokens\":3", answer.Body, StringComparison.Ordinal);
    }
}
