using System.Diagnostics;
using System.Net;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>The request body limit: 413 with an OpenAI error, decided while reading, never after buffering the whole body.</summary>
public sealed class BodyLimitTests
{
    private const long Limit = 64 * 1024;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_declared_length_over_the_limit_is_answered_413_before_a_body_byte_is_sent()
    {
        var backend = new ScriptedCompletionBackend([new("x")]);
        await using var endpoint = await ServedEndpoint.StartAsync(backend, o => o with { MaxRequestBodyBytes = Limit });
        await using var connection = await RawHttpConnection.OpenAsync(endpoint.Server.Addresses[0]);
        using var guard = new CancellationTokenSource(HangGuard);
        var clock = Stopwatch.StartNew();

        await connection.SendHeadAsync("/v1/completions", "Content-Length: 10000000000");
        var (status, _, body) = await connection.ReadAnswerAsync(guard.Token);
        var answeredAfter = clock.Elapsed;

        Assert.Equal(413, status);
        Assert.Contains("10000000000 bytes", body, StringComparison.Ordinal);
        Assert.Contains($"limit of {Limit} bytes", body, StringComparison.Ordinal);
        Assert.Contains("--max-body-bytes", body, StringComparison.Ordinal);
        Assert.Equal(0, connection.BodyBytesSent);
        Assert.Empty(backend.Requests);
        await AssertStillServesAsync(endpoint);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "a declared Content-Length of 10 GB", 1,
            $"413 naming the limit after {answeredAfter.TotalMilliseconds:0} ms, before any body byte was sent; the backend saw nothing",
            nameof(A_declared_length_over_the_limit_is_answered_413_before_a_body_byte_is_sent)));
    }

    [Fact]
    public async Task A_chunked_body_that_never_ends_is_answered_413_once_it_passes_the_limit()
    {
        var backend = new ScriptedCompletionBackend([new("x")]);
        await using var endpoint = await ServedEndpoint.StartAsync(backend, o => o with { MaxRequestBodyBytes = Limit });
        await using var connection = await RawHttpConnection.OpenAsync(endpoint.Server.Addresses[0]);
        using var guard = new CancellationTokenSource(HangGuard);
        var chunk = new byte[4096];
        Array.Fill(chunk, (byte)' ');

        // Valid JSON so far, whitespace without end and no final chunk: only a limit enforced while reading can answer it.
        await connection.SendHeadAsync("/v1/completions", "Transfer-Encoding: chunked");
        await connection.SendChunkAsync("{\"prompt\":\"p\""u8.ToArray());
        while (connection.BodyBytesSent <= Limit + chunk.Length)
            await connection.SendChunkAsync(chunk);
        var (status, head, body) = await connection.ReadAnswerAsync(guard.Token);

        Assert.Equal(413, status);
        Assert.True(body.Contains("is longer than the limit", StringComparison.Ordinal), body);
        Assert.Contains($"limit of {Limit} bytes", body, StringComparison.Ordinal);
        Assert.Contains("Connection: close", head, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(backend.Requests);
        await AssertStillServesAsync(endpoint);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "a chunked body past the limit with no final chunk", 1,
            $"413 naming the limit once {Limit} bytes were read (the client had sent {connection.BodyBytesSent}), without the body's end; connection closed",
            nameof(A_chunked_body_that_never_ends_is_answered_413_once_it_passes_the_limit)));
    }

    [Fact]
    public async Task A_body_within_the_limit_is_served_and_the_default_limit_is_one_mebibyte()
    {
        var backend = new ScriptedCompletionBackend([new("x")]);
        await using var endpoint = await ServedEndpoint.StartAsync(backend);
        var padding = new string(' ', (int)OpenAiServerOptions.DefaultMaxRequestBodyBytes - 100);

        var within = await RawResponse.PostJsonAsync(endpoint.Http, "completions", $$"""{"prompt":"p",{{padding}}"max_tokens":1}""");
        // A body 100 bytes over the default, declared up front: the server answers 413 before reading it. (Sent whole by
        // HttpClient, the write raced the server's early answer and close and could end in a broken pipe instead.)
        await using var connection = await RawHttpConnection.OpenAsync(endpoint.Server.Addresses[0]);
        using var guard = new CancellationTokenSource(HangGuard);
        await connection.SendHeadAsync("/v1/completions", $"Content-Length: {OpenAiServerOptions.DefaultMaxRequestBodyBytes + 100}");
        var (status, _, body) = await connection.ReadAnswerAsync(guard.Token);

        Assert.Equal(1 << 20, OpenAiServerOptions.DefaultMaxRequestBodyBytes);
        Assert.Equal(HttpStatusCode.OK, within.Status);
        Assert.Equal(413, status);
        Assert.Contains("invalid_request_error", body, StringComparison.Ordinal);
        Assert.Contains($"limit of {OpenAiServerOptions.DefaultMaxRequestBodyBytes} bytes", body, StringComparison.Ordinal);
    }

    private static async Task AssertStillServesAsync(ServedEndpoint endpoint)
    {
        var answer = await RawResponse.PostJsonAsync(endpoint.Http, "completions", """{"prompt":"p","max_tokens":1}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }
}
