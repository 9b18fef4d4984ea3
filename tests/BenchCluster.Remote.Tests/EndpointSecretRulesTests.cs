using System.Diagnostics;
using BenchCluster.Engine.Completions;
using BenchCluster.Testing.Reliability;
using static BenchCluster.Remote.Tests.RemoteTestSupport;

namespace BenchCluster.Remote.Tests;

/// <summary>The worker-side guard: a key leaves only from an allowed variable, over https (or to loopback), never to a URL with credentials.</summary>
public sealed class EndpointSecretRulesTests
{
    [Fact]
    public async Task The_stolen_password_suite_is_refused_before_any_connection_naming_the_rule()
    {
        const string Variable = "BENCHCLUSTER_POSTGRES";
        var previous = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, "Host=db;Username=benchcluster;Password=hunter2-secret;Database=benchcluster");
        try
        {
            await using var listener = new ConnectionCountingListener();
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<ArgumentException>(() => new OpenAiCompatibleBackend(new OpenAiCompatibleOptions
            {
                BaseUrl = new Uri($"http://127.0.0.1:{listener.Port}/v1"),
                Model = "x",
                ApiKeyEnvironmentVariable = Variable,
                AllowedApiKeyVariables = ApiKeyVariables.Parse(["OPENAI_API_KEY"]),
            }));
            var refusedAfter = clock.Elapsed;

            Assert.Contains("'BENCHCLUSTER_POSTGRES' is one of BenchCluster's own variables", e.Message, StringComparison.Ordinal);
            Assert.Contains(ApiKeyVariables.Rule, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
            Assert.Equal(0, await listener.SettledConnectionsAsync());
            ReliabilityLog.BadInput(new BadInputRecord("suite endpoint",
                "api_key_env: BENCHCLUSTER_POSTGRES with base_url http://127.0.0.1:PORT/v1, built on the worker (no parser in between)", 1,
                $"refused in {refusedAfter.TotalMilliseconds:F1} ms naming the rule; the listener received 0 connections",
                nameof(The_stolen_password_suite_is_refused_before_any_connection_naming_the_rule)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, previous);
        }
    }

    [Fact]
    public async Task A_variable_the_operator_did_not_allow_is_never_read_or_sent()
    {
        var (variable, key) = FakeKey();
        await using var listener = new ConnectionCountingListener();

        var e = Assert.Throws<ArgumentException>(() => new OpenAiCompatibleBackend(new OpenAiCompatibleOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{listener.Port}/v1"), Model = "x", ApiKeyEnvironmentVariable = variable,
        }));

        Assert.Contains($"api_key_env '{variable}' is not allowed on this worker (allowed: (none))", e.Message, StringComparison.Ordinal);
        Assert.Contains($"--api-key-env {variable}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await listener.SettledConnectionsAsync());
        ReliabilityLog.BadInput(new BadInputRecord("suite endpoint", "api_key_env naming a variable the worker's operator did not allow", 1,
            "refused when the backend is built, naming the variable and 'worker --api-key-env NAME'; 0 connections",
            nameof(A_variable_the_operator_did_not_allow_is_never_read_or_sent)));
    }

    [Theory]
    [InlineData("BENCHCLUSTER_POSTGRES", "BenchCluster's own")]
    [InlineData("benchcluster_cluster_id", "BenchCluster's own")]
    [InlineData("PGPASSWORD", "Postgres'")]
    [InlineData("OPENAI_API_KEY,PGPASSFILE", "Postgres'")]
    [InlineData("OPENAI-KEY", "not an environment variable name")]
    public void The_operator_cannot_allow_the_projects_own_variables(string items, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ApiKeyVariables.Parse([items]));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("--api-key-env:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_names_come_from_commas_and_repeats()
    {
        var allowed = ApiKeyVariables.Parse(["OPENAI_API_KEY, OTHER", "THIRD"]);

        Assert.Equal(["OPENAI_API_KEY", "OTHER", "THIRD"], allowed.Names);
        Assert.True(allowed.Allows("OTHER"));
        Assert.False(allowed.Allows("other"));
        Assert.Empty(ApiKeyVariables.Parse([]).Names);
    }

    [Theory]
    [InlineData("http://10.0.0.5:8000/v1", "plain http to another machine")]
    [InlineData("http://api.example.com/v1", "plain http to another machine")]
    [InlineData("https://user:hunter2@api.example.com/v1", "carries credentials")]
    [InlineData("http://user:hunter2@127.0.0.1:8000/v1", "carries credentials")]
    [InlineData("ftp://127.0.0.1/v1", "is not an http(s) URL")]
    public async Task A_url_breaking_the_rule_is_refused_before_any_connection(string url, string expected)
    {
        await using var listener = new ConnectionCountingListener();

        var e = Assert.Throws<ArgumentException>(() => new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = new Uri(url), Model = "x" }));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(EndpointUrlRule.Rule, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await listener.SettledConnectionsAsync());
    }

    [Theory]
    [InlineData("https://api.example.com/v1")]
    [InlineData("http://127.0.0.1:8000/v1")]
    [InlineData("http://127.8.9.10:8000/v1")]
    [InlineData("http://localhost:8000/v1")]
    [InlineData("http://[::1]:8000/v1")]
    public async Task Https_and_loopback_http_are_accepted(string url)
    {
        Assert.Null(EndpointUrlRule.Problem(new Uri(url)));
        await using var backend = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = new Uri(url), Model = "x" });
        Assert.Equal("x", backend.Info.Model);
    }

    [Fact]
    public async Task A_key_cut_in_half_by_the_message_length_limit_leaves_no_piece_behind()
    {
        var (variable, key) = FakeKey();
        // The key straddles the 500-character cut of a server's message: scrubbing after the cut would miss the first half.
        var padding = new string('x', HttpErrorTranslator.MaxServerMessageChars - key.Length / 2);
        await using var server = new ScriptedHttpServer(exchange => exchange.SendStatusAsync(400, "Bad Request", "text/plain", padding + key + " tail"));
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server, variable));

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        for (var start = 0; start + ApiKey.KeyFragmentChars <= key.Length; start++)
            Assert.DoesNotContain(key.Substring(start, ApiKey.KeyFragmentChars), e.Message, StringComparison.Ordinal);
        Assert.Contains("***", e.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite endpoint", "server echoing the API key into an error body, cut mid-key by the 500-character limit", 1,
            "every 8-character piece of the key masked (***) before the message is shortened", nameof(A_key_cut_in_half_by_the_message_length_limit_leaves_no_piece_behind)));
    }
}
