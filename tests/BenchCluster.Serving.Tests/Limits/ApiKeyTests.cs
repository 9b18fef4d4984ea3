using System.Net;
using System.Net.Http.Headers;
using BenchCluster.Engine.Completions;
using BenchCluster.Remote;
using BenchCluster.Serving.Security;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>With a key, /v1 answers 401 to anyone without it, before reading the body or taking a place in the queue.</summary>
public sealed class ApiKeyTests
{
    private const string Key = "sk-serve-test-3f9a1c";

    [Fact]
    public async Task Requests_without_the_key_or_with_another_get_401_and_never_reach_the_backend()
    {
        var backend = new ScriptedCompletionBackend([new("x")]);
        await using var endpoint = await ServedEndpoint.StartAsync(backend, o => o with { ApiKey = ServerApiKey.FromValue(Key, "a test") });
        string?[] wrong = [null, "Bearer", "Bearer ", $"Bearer {Key}x", $"Bearer {Key[..^1]}", $"Basic {Key}", Key, "Bearer sk-other"];

        var answers = new List<RawResponse>();
        foreach (var authorization in wrong)
        {
            answers.Add(await RawResponse.PostJsonAsync(endpoint.Http, "completions", """{"prompt":"p","max_tokens":1}""",
                m => _ = authorization is null || m.Headers.TryAddWithoutValidation("Authorization", authorization)));
        }
        var models = await endpoint.Http.GetAsync("models");
        var health = await endpoint.Http.GetAsync(new Uri(endpoint.Server.Addresses[0], "health"));
        var right = await RawResponse.PostJsonAsync(endpoint.Http, "completions", """{"prompt":"p","max_tokens":1}""",
            m => m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.All(answers, a => Assert.Equal("invalid_request_error", a.Type));
        Assert.All(answers, a => Assert.DoesNotContain(Key, a.Body, StringComparison.Ordinal));
        Assert.Contains("needs an API key", answers[0].Message, StringComparison.Ordinal);
        Assert.Contains("not this server's", answers[^1].Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Single(backend.Requests);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "a missing, malformed or wrong API key (serve --api-key-file/--api-key-env)", wrong.Length,
            "each 401 with an OpenAI error, the key never echoed, the backend not reached; the right key served",
            nameof(Requests_without_the_key_or_with_another_get_401_and_never_reach_the_backend)));
    }

    [Fact]
    public async Task The_benchmark_client_reaches_a_keyed_server_with_its_key_variable()
    {
        // BENCHCLUSTER_* names are reserved: the client refuses to send them.
        var variable = "BCTEST_SERVE_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, Key);
        await using var endpoint = await ServedEndpoint.StartAsync(new ScriptedCompletionBackend([new("x")]), o => o with { ApiKey = ServerApiKey.FromEnvironment(variable) });
        await using var keyed = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = endpoint.Server.ApiBaseUrl, Model = ServedEndpoint.ModelName, ApiKeyEnvironmentVariable = variable, AllowedApiKeyVariables = ApiKeyVariables.Parse([variable]) });

        var tokens = 0;
        await foreach (var chunk in keyed.StreamAsync(new CompletionRequest { Prompt = "p", MaxTokens = 1 }))
            tokens += chunk.TokenCount;
        var e = await Assert.ThrowsAsync<CompletionException>(async () =>
        {
            await foreach (var _ in endpoint.Client.StreamAsync(new CompletionRequest { Prompt = "p", MaxTokens = 1 }))
            {
                // the unkeyed client gets no chunk
            }
        });

        Assert.Equal(1, tokens);
        Assert.Equal(401, e.StatusCode);
        Assert.Equal(CompletionFailureKind.ClientError, e.Kind);
    }
}
