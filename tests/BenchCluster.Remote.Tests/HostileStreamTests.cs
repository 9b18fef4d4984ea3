using System.Diagnostics;
using System.Text;
using BenchCluster.Engine.Completions;
using BenchCluster.Testing.Reliability;
using static BenchCluster.Remote.Tests.RemoteTestSupport;

namespace BenchCluster.Remote.Tests;

/// <summary>
/// A hostile server on loopback that never stops talking, against the client's default limits: each request fails with
/// an error naming the limit it passed, the connection is closed, and the client buffers no more than that limit.
/// </summary>
[Collection(AllocationMeasuredCollection.Name)]
public sealed class HostileStreamTests
{
    /// <summary>Far above what the defaults take on loopback: a reader without a bound fails here instead of running forever.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>What the client may allocate while reading one hostile response: its two buffers at pool sizes, and change.</summary>
    private const long AllocationAllowance = 4L * OpenAiCompatibleOptions.DefaultMaxEventBytes + (4 << 20);

    public static TheoryData<string, string, string> Floods => new()
    {
        { "endless data: lines of one event", "data: " + new string('x', 1000) + "\n", "max_event_bytes = 4194304" },
        { "one giant line with no newline", new string('x', 64 * 1024), "max_event_bytes = 4194304" },
        { "millions of tiny events", "data: {}\n\n", "max_events_per_request = 1000000" },
        { "millions of keep-alive comments", ":\n", "max_events_per_request = 1000000" },
    };

    [Theory]
    [MemberData(nameof(Floods))]
    public async Task An_endless_event_stream_fails_the_request_naming_the_limit_without_buffering_past_it(string flood, string block, string limit)
    {
        var repeated = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(block, Math.Max(1, 64 * 1024 / block.Length))));
        var prefix = flood.StartsWith("one giant", StringComparison.Ordinal) ? "data: " : "";
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.SendTextEventAsync("a");
            await exchange.WriteAsync(prefix);
            await exchange.RepeatUntilClosedAsync(repeated);
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));
        var received = new List<CompletionChunk>();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<CompletionException>(async () =>
        {
            await foreach (var chunk in backend.StreamAsync(Request()).WithCancellation(new CancellationTokenSource(HangGuard).Token))
                received.Add(chunk);
        });
        var failedAfter = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(CompletionFailureKind.MalformedResponse, e.Kind);
        Assert.Contains(limit, e.Message, StringComparison.Ordinal);
        Assert.Contains("Raise", e.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], received.Select(c => c.Text));
        Assert.True(allocated < AllocationAllowance, $"allocated {allocated} bytes reading one hostile response");
        Assert.Empty(server.ScriptFailures);
        ReliabilityLog.BadInput(new BadInputRecord("event stream", flood, 1,
            $"request failed naming {limit} after {failedAfter.TotalSeconds:0.0} s, connection closed, {allocated / 1048576.0:0.0} MiB allocated in all; no crash",
            nameof(An_endless_event_stream_fails_the_request_naming_the_limit_without_buffering_past_it)));
    }

    [Fact]
    public async Task A_huge_json_body_instead_of_a_stream_is_read_only_up_to_the_body_limit()
    {
        var block = Encoding.UTF8.GetBytes("{\"choices\":[{\"text\":\"" + new string('y', 64 * 1024));
        await using var server = new ScriptedHttpServer(async exchange =>
        {
            await exchange.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n");
            await exchange.RepeatUntilClosedAsync(block);
        });
        await using var backend = new OpenAiCompatibleBackend(OptionsFor(server));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(backend, Request(), new CancellationTokenSource(HangGuard).Token));
        var failedAfter = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(CompletionFailureKind.MalformedResponse, e.Kind);
        Assert.Contains($"more than {OpenAiCompatibleOptions.DefaultMaxBodyBytes} bytes (max_body_bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("instead of an event stream", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 2000, $"a message of {e.Message.Length} characters");
        Assert.True(allocated < 8L * OpenAiCompatibleOptions.DefaultMaxBodyBytes, $"allocated {allocated} bytes reading one hostile body");
        ReliabilityLog.BadInput(new BadInputRecord("event stream", "an endless JSON body instead of an event stream", 1,
            $"request failed naming max_body_bytes after {failedAfter.TotalSeconds:0.0} s, {allocated / 1048576.0:0.0} MiB allocated in all; no crash",
            nameof(A_huge_json_body_instead_of_a_stream_is_read_only_up_to_the_body_limit)));
    }

    [Fact]
    public async Task Limits_set_in_the_options_are_the_ones_enforced_and_a_stream_within_them_is_served()
    {
        var options = (OpenAiCompatibleOptions o) => o with { MaxEventBytes = 300, MaxEventsPerRequest = 8 };
        await using var within = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            await exchange.WriteAsync($"data: {{\"choices\":[{{\"text\":\"{new string('z', 200)}\",\n: ping\ndata: \"finish_reason\":\"stop\"}}]}}\n\n");
            await exchange.SendDoneAsync();
        });
        await using var beyond = new ScriptedHttpServer(async exchange =>
        {
            await exchange.StartEventStreamAsync();
            for (var i = 0; i < 9; i++)
                await exchange.SendEventAsync("{}");
        });
        await using var good = new OpenAiCompatibleBackend(options(OptionsFor(within)));
        await using var bad = new OpenAiCompatibleBackend(options(OptionsFor(beyond)));

        var chunks = await CollectAsync(good, Request());
        var e = await Assert.ThrowsAsync<CompletionException>(() => CollectAsync(bad, Request()));

        Assert.Equal(new string('z', 200), chunks[0].Text);
        Assert.Equal("stop", chunks[^1].FinishReason);
        Assert.Contains("max_events_per_request = 8", e.Message, StringComparison.Ordinal);
        Assert.Contains("after 8 events", e.Message, StringComparison.Ordinal);
    }
}
