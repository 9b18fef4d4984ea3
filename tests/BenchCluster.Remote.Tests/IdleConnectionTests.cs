using System.Diagnostics;
using BenchCluster.Engine.Completions;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Remote.Tests;

/// <summary>
/// A request sent on a pooled connection the server has just closed for idleness is lost ("An error occurred while
/// sending the request"). The client closes idle connections first, so no request is sent on a stale one, and none
/// is sent twice either, since nothing is retried.
/// </summary>
public sealed class IdleConnectionTests
{
    // .NET drops idle connections from a timer that runs at most once a second, so the client's idle timeout plus a
    // second must stay under the server's close (5 s on llama-server and uvicorn against our 2 s default).
    private static readonly TimeSpan ClosesAfter = TimeSpan.FromSeconds(2.2);
    private static readonly TimeSpan ClientIdleTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2.7);
    private const int Requests = 4;

    [Fact]
    public async Task No_request_fails_on_a_connection_the_server_closed_for_idleness()
    {
        await using var server = new IdleClosingServer(ClosesAfter);
        await using var backend = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions
        {
            BaseUrl = server.BaseUrl,
            Model = "test-model",
            PooledConnectionIdleTimeout = ClientIdleTimeout,
        });
        var watch = Stopwatch.StartNew();

        var failures = await RunWithPausesAsync(backend);

        Assert.Empty(failures);
        Assert.Equal(Requests, server.Answered);
        Assert.Equal(0, server.Dropped);
        ReliabilityLog.Fault(new FaultRecord(
            $"server closes kept-alive connections idle {ClosesAfter.TotalMilliseconds:0} ms without announcing it (as uvicorn does; llama-server after 5 s), requests {Pause.TotalMilliseconds:0} ms apart",
            "the client had already closed each idle connection and opened a fresh one; no request was lost or sent twice",
            null, watch.Elapsed.TotalSeconds,
            $"{server.Answered} of {Requests} requests answered, {failures.Count} failed, {server.Dropped} lost on a stale connection",
            nameof(No_request_fails_on_a_connection_the_server_closed_for_idleness)));
    }

    [Fact]
    public async Task A_client_that_keeps_idle_connections_longer_than_the_server_loses_requests()
    {
        // The control: with .NET's default of a minute, the stale connection is reused and the request is lost.
        await using var server = new IdleClosingServer(ClosesAfter);
        await using var backend = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions
        {
            BaseUrl = server.BaseUrl,
            Model = "test-model",
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        });

        await RunWithPausesAsync(backend);

        Assert.True(server.Dropped > 0, "the server saw no request on a stale connection: the control does not reproduce the fault");
    }

    private static async Task<List<string>> RunWithPausesAsync(OpenAiCompatibleBackend backend)
    {
        var failures = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            if (i > 0)
                await Task.Delay(Pause);
            try
            {
                await RemoteTestSupport.CollectAsync(backend, RemoteTestSupport.Request(maxTokens: 1));
            }
            catch (CompletionException e)
            {
                failures.Add(e.Message);
            }
        }
        return failures;
    }
}
