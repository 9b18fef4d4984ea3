using System.Text;
using BenchCluster.Engine.Remote;

namespace BenchCluster.Engine.Tests.Remote;

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
    public async Task Hands_on_a_last_event_without_its_blank_line()
    {
        var events = await ReadAllAsync("data: one\n\ndata: cut");

        Assert.Equal(["one", "cut"], events);
    }

    [Fact]
    public async Task Refuses_an_endless_line()
    {
        var bytes = Encoding.UTF8.GetBytes("data: " + new string('x', SseEventReader.MaxLineBytes + 10));
        using var reader = new SseEventReader(new MemoryStream(bytes));

        var e = await Assert.ThrowsAsync<SseFormatException>(async () => await reader.ReadAsync(CancellationToken.None));

        Assert.Contains("without a newline", e.Message, StringComparison.Ordinal);
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
