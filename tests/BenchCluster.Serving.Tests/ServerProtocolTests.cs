using System.Net;
using System.Text;
using System.Text.Json;

namespace BenchCluster.Serving.Tests;

/// <summary>What any OpenAI client sees from <c>benchcluster serve</c>: status codes, error bodies, whole responses.</summary>
public sealed class ServerProtocolTests
{
    [Theory]
    [InlineData("""{"prompt":"p","max_tokens":0}""", "max_tokens")]
    [InlineData("""{"prompt":"p","max_tokens":"ten"}""", "max_tokens")]
    [InlineData("""{"max_tokens":4}""", "prompt")]
    [InlineData("""{"prompt":["a","b"],"max_tokens":4}""", "prompt")]
    [InlineData("""{"prompt":"p","max_tokens":8,"min_tokens":3}""", "min_tokens")]
    [InlineData("""{"prompt":"p","temperature":-1}""", "temperature")]
    [InlineData("""{"prompt":"p","stream":"yes"}""", "stream")]
    [InlineData("""{"prompt":"p","n":2}""", "n")]
    public async Task Rejects_a_bad_completions_field_with_400_naming_it(string body, string field)
    {
        await using var endpoint = await ServedEndpoint.StartAsync(new ScriptedCompletionBackend([new("x")]));

        var (status, error) = await PostForErrorAsync(endpoint, "completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, error.GetProperty("param").GetString());
        Assert.Contains(field, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"max_tokens":4}""", "messages")]
    [InlineData("""{"messages":[{"content":"hi"}]}""", "messages[0]")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url"}]}]}""", "messages[0].content")]
    public async Task Rejects_bad_chat_messages_with_400_naming_the_message(string body, string field)
    {
        await using var endpoint = await ServedEndpoint.StartAsync(new ScriptedCompletionBackend([new("x")]));

        var (status, error) = await PostForErrorAsync(endpoint, "chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Rejects_a_body_that_is_not_json()
    {
        await using var endpoint = await ServedEndpoint.StartAsync(new ScriptedCompletionBackend([new("x")]));

        var (status, error) = await PostForErrorAsync(endpoint, "completions", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not valid JSON", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_404_for_a_model_it_does_not_serve()
    {
        await using var endpoint = await ServedEndpoint.StartAsync(new ScriptedCompletionBackend([new("x")]));

        var (status, error) = await PostForErrorAsync(endpoint, "completions", """{"model":"gpt-9","prompt":"p"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(ServedEndpoint.ModelName, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_a_non_streamed_completion_as_one_json_with_usage()
    {
        var backend = new ScriptedCompletionBackend([new("Hel"), new("lo")], promptTokens: 3);
        await using var endpoint = await ServedEndpoint.StartAsync(backend);

        using var response = await PostAsync(endpoint, "completions", $$"""{"model":"{{ServedEndpoint.ModelName}}","prompt":"p","max_tokens":2}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = json.RootElement;
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        Assert.Equal("Hello", root.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal("length", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(3, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(5, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.False(Assert.Single(backend.Requests).IgnoreEos);
    }

    [Fact]
    public async Task Answers_a_non_streamed_chat_with_an_assistant_message()
    {
        await using var endpoint = await ServedEndpoint.StartAsync(new ScriptedCompletionBackend([new("Hi")]));

        using var response = await PostAsync(endpoint, "chat/completions", """{"messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}],"max_tokens":5}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var choice = json.RootElement.GetProperty("choices")[0];
        Assert.Equal("chat.completion", json.RootElement.GetProperty("object").GetString());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hi", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Streams_chat_events_in_openai_order_with_usage_only_when_asked()
    {
        await using var endpoint = await ServedEndpoint.StartAsync(new ScriptedCompletionBackend([new("Hi")]));

        var withUsage = await ReadEventsAsync(endpoint, """{"messages":[{"role":"user","content":"x"}],"max_tokens":1,"stream":true,"stream_options":{"include_usage":true}}""");
        var without = await ReadEventsAsync(endpoint, """{"messages":[{"role":"user","content":"x"}],"max_tokens":1,"stream":true}""");

        Assert.Equal("[DONE]", withUsage[^1]);
        using var role = JsonDocument.Parse(withUsage[0]);
        Assert.Equal("assistant", role.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        using var token = JsonDocument.Parse(withUsage[1]);
        Assert.Equal("chat.completion.chunk", token.RootElement.GetProperty("object").GetString());
        Assert.Equal("Hi", token.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
        Assert.Equal(1, token.RootElement.GetProperty("benchcluster").GetProperty("tokens").GetInt32());
        using var finish = JsonDocument.Parse(withUsage[2]);
        Assert.Equal("length", finish.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        using var usage = JsonDocument.Parse(withUsage[3]);
        Assert.Equal(0, usage.RootElement.GetProperty("choices").GetArrayLength());
        Assert.Equal(1, usage.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(5, withUsage.Count);
        Assert.Equal(4, without.Count);
        Assert.DoesNotContain(without, e => e.Contains("\"usage\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lists_its_model_and_reports_health()
    {
        await using var endpoint = await ServedEndpoint.StartAsync(new ScriptedCompletionBackend([new("x")]));

        using var models = JsonDocument.Parse(await endpoint.Http.GetStringAsync("models"));
        using var health = JsonDocument.Parse(await endpoint.Http.GetStringAsync(new Uri(endpoint.Server.Addresses[0], "health")));

        Assert.Equal(ServedEndpoint.ModelName, models.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
    }

    private static Task<HttpResponseMessage> PostAsync(ServedEndpoint endpoint, string path, string body) =>
        endpoint.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<(HttpStatusCode Status, JsonElement Error)> PostForErrorAsync(ServedEndpoint endpoint, string path, string body)
    {
        using var response = await PostAsync(endpoint, path, body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("error").Clone());
    }

    private static async Task<List<string>> ReadEventsAsync(ServedEndpoint endpoint, string body)
    {
        using var response = await PostAsync(endpoint, "chat/completions", body);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();
    }
}
