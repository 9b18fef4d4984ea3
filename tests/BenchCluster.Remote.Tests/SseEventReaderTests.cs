using System.Text;

namespace BenchCluster.Remote.Tests;

public sealed class SseEventReaderTests
{
    [Fact]
    public async Task Joins_multi_line_data_skips_comments_and_other_fields_and_accepts_crlf()
    {
        var events = await ReadAllAsync(": ping\r\nevent: message\r\nid: 3\r\ndata: {\"a\":\r\ndata:1}\r\n\r\n\n\ndata: [DONE]\n\n");

        Assert.Equal(["{\"a\":\n1}", "[DONE]"], events);
    }

    [Fact]
    public async Task Reassembles_events_split_across_reads()
    {
        var events = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes("data: first\n\ndata: second\n\n"), bytesPerRead: 3));

        Assert.Equal(["first", "second"], events);
    }

    [Fact]
    public async Task Reads_the_same_events_a_byte_at_a_time_as_at_once()
    {
        const string Text = ": ping\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\ndata: second line of many words\n\n\ndata: [DONE]\n\n";

        var whole = await ReadAllAsync(Text);
        var trickled = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(Text), bytesPerRead: 1));

        Assert.Equal(["{\"a\":\n1}", "second line of many words", "[DONE]"], whole);
        Assert.Equal(whole, trickled);
    }

    [Fact]
    public async Task Hands_on_a_last_event_without_its_blank_line()
    {
        var events = await ReadAllAsync("data: one\n\ndata: cut");

        Assert.Equal(["one", "cut"], events);
    }

    [Fact]
    public async Task Refuses_an_endless_line_once_it_passes_the_event_limit()
    {
        var bytes = Encoding.UTF8.GetBytes("data: " + new string('x', 5000));
        using var reader = new SseEventReader(new MemoryStream(bytes), maxEventBytes: 1000);

        var e = await Assert.ThrowsAsync<StreamLimitException>(async () => await reader.ReadAsync(CancellationToken.None));

        Assert.Equal("max_event_bytes", e.Option);
        Assert.Contains("without a newline", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public async Task Bounds_an_event_across_its_data_lines(int dataBytes, bool accepted)
    {
        // Lines of 100 bytes joined by '\n': ten lines hold 10 * 100 + 9 bytes, so the last line is trimmed to fit.
        var lines = Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 100)).ToList();
        lines[^1] = lines[^1][..(dataBytes - (9 * 100 + 9))];
        var text = string.Concat(lines.Select(l => $"data: {l}\n")) + "\n";
        using var reader = new SseEventReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxEventBytes: 1000);

        if (accepted)
        {
            Assert.True(await reader.ReadAsync(CancellationToken.None));
            Assert.Equal(dataBytes, reader.Data.Length);
        }
        else
        {
            var e = await Assert.ThrowsAsync<StreamLimitException>(async () => await reader.ReadAsync(CancellationToken.None));
            Assert.Equal(1000, e.Limit);
            Assert.Contains("more than 1000 bytes of data", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("data: {}\n\n")]
    [InlineData(": ping\n")]
    [InlineData("\n")]
    [InlineData("id: 1\n")]
    public async Task Counts_events_comments_and_stray_lines_against_the_event_limit(string record)
    {
        using var within = new SseEventReader(new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(record, 50)))), maxEvents: 50);
        using var beyond = new SseEventReader(new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(record, 51)))), maxEvents: 50);

        while (await within.ReadAsync(CancellationToken.None))
        {
            // all 50 records fit
        }
        var e = await Assert.ThrowsAsync<StreamLimitException>(async () =>
        {
            while (await beyond.ReadAsync(CancellationToken.None))
            {
                // the 51st record is refused
            }
        });

        Assert.Equal("max_events_per_request", e.Option);
    }

    private static Task<List<string>> ReadAllAsync(string text) => ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static async Task<List<string>> ReadAllAsync(Stream stream)
    {
        using var reader = new SseEventReader(stream);
        var events = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None))
            events.Add(Encoding.UTF8.GetString(reader.Data.Span));
        Assert.Equal(events.Count, reader.EventCount);
        return events;
    }

    /// <summary>Hands out a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int bytesPerRead) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);
    }
}
