using System.Net;
using BenchCluster.Http.Api;
using BenchCluster.Http.Tests.Infrastructure;
using BenchCluster.Storage.Runs;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Http.Tests.Api;

public sealed class EventStreamTests
{
    [Fact]
    public async Task Progress_events_follow_the_run_and_a_done_event_ends_the_stream()
    {
        await using var server = await ApiServer.StartAsync();
        var runId = server.Cluster.AddRun(RunState.Running, succeeded: 0);
        using var client = server.Client(ApiServer.AliceToken);
        using var response = await client.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await ReadEventAsync(reader);
        Assert.Equal("progress", first.Name);
        Assert.Contains("\"succeededJobs\":0", first.Data);
        server.Cluster.SetRun(runId, RunState.Running, succeeded: 1);
        var second = await ReadEventAsync(reader);
        Assert.Contains("\"succeededJobs\":1", second.Data);
        server.Cluster.SetRun(runId, RunState.Completed, succeeded: 2);
        var events = new List<(string Name, string Data)> { await ReadEventAsync(reader), await ReadEventAsync(reader) };
        Assert.Equal(["progress", "done"], events.Select(e => e.Name));
        Assert.Contains("\"status\":\"completed\"", events[1].Data);
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_caller_at_its_stream_limit_gets_429_and_a_closed_stream_frees_its_slot()
    {
        await using var server = await ApiServer.StartAsync(maxEventStreamsPerCaller: 1);
        var runId = server.Cluster.AddRun(RunState.Running);
        using var alice = server.Client(ApiServer.AliceToken);
        var open = await alice.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        using var second = await alice.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        using var bob = server.Client(ApiServer.BobToken);
        using var other = await bob.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        open.Dispose();
        alice.CancelPendingRequests();
        var reopened = await Poll.UntilAsync(async () =>
        {
            using var again = await alice.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(15));
        Assert.True(reopened, "the slot of a stream the client closed was not freed");
        ReliabilityLog.BadInput(new BadInputRecord("event stream", "a second event stream from a caller allowed one", 1,
            "429 naming the limit; another caller still served; the slot returns when the client disconnects", nameof(A_caller_at_its_stream_limit_gets_429_and_a_closed_stream_frees_its_slot)));
    }

    [Fact]
    public void Slots_are_bounded_in_all_and_per_caller_and_released_once()
    {
        var slots = new EventStreamSlots(maxTotal: 2, maxPerCaller: 1);
        var a = slots.TryAcquire("a");
        Assert.NotNull(a);
        Assert.Null(slots.TryAcquire("a"));
        var b = slots.TryAcquire("b");
        Assert.NotNull(b);
        Assert.Null(slots.TryAcquire("c"));
        a.Dispose();
        a.Dispose();
        Assert.NotNull(slots.TryAcquire("c"));
        Assert.Null(slots.TryAcquire("a"));
    }

    private static async Task<(string Name, string Data)> ReadEventAsync(StreamReader reader)
    {
        string? name = null, data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)) ?? throw new EndOfStreamException("the stream ended before an event");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line["data: ".Length..];
            else if (line.Length == 0 && name is not null && data is not null)
                return (name, data);
        }
    }
}
