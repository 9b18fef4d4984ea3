using System.Net;
using System.Net.Sockets;
using BenchCluster.Engine.Completions;
using static BenchCluster.Remote.Tests.RemoteTestSupport;

namespace BenchCluster.Remote.Tests;

public sealed class OpenAiCompatibleBackendErrorTests
{
    /// <summary>Far above any limit set here: a test that would otherwise wait for a default limit (minutes) fails instead.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Unauthorized_is_a_client_error_naming_the_key_variable_without_the_key()
    {
        var (variable, key) = FakeKey();
        await using var server = new ScriptedHttpServer(exchange => exchange.SendStatusAsync(401, "Unauthorized", "application/json",
            $$$"""{"error":{"message":"Incorrect API key provided: {{{key}}}","type":"invalid_request_error","code":"invalid_api_key"}}"""));
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server, variable));

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        Assert.Equal(CompletionFailureKind.ClientError, e.Kind);
        Assert.Equal(401, e.StatusCode);
        Assert.Contains("Incorrect API key provided", e.Message, StringComparison.Ordinal);
        Assert.Contains(variable, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, e.ToString(), StringComparison.Ordinal);
        Assert.Equal($"Bearer {key}", Assert.Single(server.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task Rate_limiting_is_a_client_error_that_shows_retry_after()
    {
        await using var server = new ScriptedHttpServer(exchange => exchange.SendStatusAsync(429, "Too Many Requests", "application/json",
            """{"object":"error","message":"Rate limit reached"}""", "Retry-After: 20\r\n"));
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        Assert.Equal(CompletionFailureKind.ClientError, e.Kind);
        Assert.Equal(429, e.StatusCode);
        Assert.Contains("Rate limit reached", e.Message, StringComparison.Ordinal);
        Assert.Contains("Retry-After: 20 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_failure_is_a_server_error_with_the_body_shortened()
    {
        var longBody = "internal failure " + new string('x', 5000);
        await using var server = new ScriptedHttpServer(exchange => exchange.SendStatusAsync(500, "Internal Server Error", "text/plain", longBody));
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        Assert.Equal(CompletionFailureKind.ServerError, e.Kind);
        Assert.Equal(500, e.StatusCode);
        Assert.Contains("internal failure", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 1000, e.Message);
    }

    [Fact]
    public async Task Garbage_in_the_stream_is_a_malformed_response_with_an_excerpt()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("a");
            await exchange.SendEventAsync("<html>this is not json</html>");
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));
        var received = new List<CompletionChunk>();

        var e = await Assert.ThrowsAsync<CompletionException>(async () =>
        {
            await foreach (var chunk in backend.StreamAsync(Request()))
                received.Add(chunk);
        });

        Assert.Equal(CompletionFailureKind.MalformedResponse, e.Kind);
        Assert.Contains("<html>this is not json</html>", e.Message, StringComparison.Ordinal);
        Assert.Equal("a", Assert.Single(received).Text);
    }

    [Fact]
    public async Task A_page_instead_of_an_event_stream_is_a_malformed_response()
    {
        await using var server = new ScriptedHttpServer(exchange =>
            exchange.SendStatusAsync(200, "OK", "text/html", "<html><body>Welcome to nginx!</body></html>"));
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        Assert.Equal(CompletionFailureKind.MalformedResponse, e.Kind);
        Assert.Contains("text/html", e.Message, StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_cut_off_before_it_finished_is_a_server_error()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("a");
            await exchange.SendTextEventAsync("b");
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        Assert.Equal(CompletionFailureKind.ServerError, e.Kind);
        Assert.Contains("ended early, after 2 events and 2 tokens", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_half_written_event_is_a_malformed_response()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.WriteAsync("data: {\"choices\":[{\"index\":0,\"te");
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        Assert.Equal(CompletionFailureKind.MalformedResponse, e.Kind);
        Assert.Contains("{\"choices\":[{\"index\":0,\"te", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_event_in_the_stream_is_a_server_error_with_its_message()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("a");
            await exchange.SendEventAsync("""{"error":{"message":"context size exceeded","type":"server_error","code":500}}""");
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        Assert.Equal(CompletionFailureKind.ServerError, e.Kind);
        Assert.Equal(500, e.StatusCode);
        Assert.Contains("context size exceeded", e.Message, StringComparison.Ordinal);
        Assert.Contains("after 1 tokens", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_stream_hits_the_idle_timeout_with_a_message_naming_the_option()
    {
        var stalled = new TaskCompletionSource();
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("a");
            await exchange.WaitForClientToCloseAsync();
            stalled.TrySetResult();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { IdleTimeout = TimeSpan.FromMilliseconds(200) });

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()).WaitAsync(HangGuard));

        Assert.Equal(CompletionFailureKind.Timeout, e.Kind);
        Assert.Contains("idle_timeout = 0.2 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("after 1 events and 1 tokens", e.Message, StringComparison.Ordinal);
        await stalled.Task.WaitAsync(HangGuard); // the connection was closed, so the server can stop generating
    }

    [Fact]
    public async Task A_server_that_never_sends_an_event_hits_the_first_event_timeout()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.WriteAsync(": still processing the prompt\n\n");
            await exchange.WaitForClientToCloseAsync();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { FirstEventTimeout = TimeSpan.FromMilliseconds(200) });

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()).WaitAsync(HangGuard));

        Assert.Equal(CompletionFailureKind.Timeout, e.Kind);
        Assert.Contains("no first event arrived within first_event_timeout = 0.2 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_timeout_applies_while_events_keep_coming()
    {
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            while (true)
            {
                await exchange.SendTextEventAsync("a");
                await Task.Delay(20, exchange.Stopping);
            }
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { TotalTimeout = TimeSpan.FromMilliseconds(300) });

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()).WaitAsync(HangGuard));

        Assert.Equal(CompletionFailureKind.Timeout, e.Kind);
        Assert.Contains("total_timeout = 0.3 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_mid_stream_throws_operation_cancelled_and_closes_the_connection()
    {
        var closed = new TaskCompletionSource();
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("a");
            await exchange.WaitForClientToCloseAsync();
            closed.TrySetResult();
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));
        using var cancel = new CancellationTokenSource();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in backend.StreamAsync(Request(), cancel.Token))
                await cancel.CancelAsync();
        });

        Assert.Equal(cancel.Token, e.CancellationToken);
        await closed.Task.WaitAsync(HangGuard);
    }

    [Fact]
    public async Task A_connection_that_cannot_be_opened_hits_the_connect_timeout()
    {
        // A listener that accepts nothing with a full backlog: Linux drops further SYNs, so connecting hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = Enumerable.Range(0, 3).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToList();
        try
        {
            foreach (var filler in fillers)
                _ = filler.ConnectAsync(endpoint);
            await using var backend = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions
            {
                BaseUrl = new Uri($"http://127.0.0.1:{endpoint.Port}/v1"),
                Model = "m",
                ConnectTimeout = TimeSpan.FromMilliseconds(300),
            });

            var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()).WaitAsync(HangGuard));

            Assert.Equal(CompletionFailureKind.Timeout, e.Kind);
            Assert.Contains("no connection could be opened within connect_timeout = 0.3 s", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Refused_connection_is_a_server_error_that_says_so()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var backend = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/v1"), Model = "m" });

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request()));

        Assert.Equal(CompletionFailureKind.ServerError, e.Kind);
        Assert.Contains("connection refused", e.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}/v1/completions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_but_unset_key_variable_is_refused_at_construction_by_name()
    {
        var variable = "BCTEST_UNSET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        var e = Assert.Throws<ArgumentException>(() =>
            new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1"), Model = "m", ApiKeyEnvironmentVariable = variable, AllowedApiKeyVariables = ApiKeyVariables.Parse([variable]) }));

        Assert.Contains(variable, e.Message, StringComparison.Ordinal);
        Assert.Contains("not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_an_http_header_cannot_carry_is_refused_by_variable_name_without_the_key()
    {
        var variable = "BCTEST_BAD_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        const string Key = "sk-abc\ndef";
        Environment.SetEnvironmentVariable(variable, Key);

        var e = Assert.Throws<ArgumentException>(() =>
            new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1"), Model = "m", ApiKeyEnvironmentVariable = variable, AllowedApiKeyVariables = ApiKeyVariables.Parse([variable]) }));

        Assert.Contains(variable, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-abc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_request_without_text_is_refused_before_anything_is_sent()
    {
        await using var server = new ScriptedHttpServer(exchange => exchange.SendStatusAsync(500, "Internal Server Error", "text/plain", ""));
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server) with { UseChat = true });

        var e = await Assert.ThrowsAsync<ArgumentException>(() => CollectAsync(backend, new CompletionRequest { PromptTokens = [1], MaxTokens = 1 }));

        Assert.Contains("chat endpoint takes text", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
