using System.Text.Json;
using BenchCluster.Reporting.Exporting;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Tests.Exporting;

public sealed class RequestExporterTests
{
    [Fact]
    public async Task Request_rows_stream_as_json_lines_with_their_timestamps_and_token_counts()
    {
        using var writer = new StringWriter();
        var count = await RequestExporter.WriteAsync(Rows(3), OutputFormat.Jsonl, writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, count);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(1_000_000, first.RootElement.GetProperty("sentNs").GetInt64());
        Assert.Equal(16, first.RootElement.GetProperty("promptTokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("scheduledNs").ValueKind);
    }

    [Fact]
    public async Task Request_rows_as_csv_have_a_header_and_one_line_per_request()
    {
        using var writer = new StringWriter();
        await RequestExporter.WriteAsync(Rows(2), OutputFormat.Csv, writer);

        var rows = CsvReader.Parse(writer.ToString());
        Assert.Equal(RequestExporter.Columns.Select(c => c.Name), rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal("timeout, after 30 s", rows[2][rows[0].IndexOf("error")]);
    }

    [Fact]
    public async Task Formats_other_than_jsonl_and_csv_are_refused_before_reading()
    {
        var read = false;
        async IAsyncEnumerable<RequestRow> Watched()
        {
            read = true;
            await Task.Yield();
            yield break;
        }
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RequestExporter.WriteAsync(Watched(), OutputFormat.Table, TextWriter.Null));
        Assert.False(read);
    }

    private static async IAsyncEnumerable<RequestRow> Rows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new RequestRow
            {
                RunId = Guid.Empty, JobId = Guid.Empty, PointKey = "p", Model = "m", Scenario = "chat", NodeName = "n", Repetition = 0,
                Attempt = 1, Seq = i, Kind = "Request", IsWarmup = false, Stage = 0, SentNs = 1_000_000 + i, FirstTokenNs = 2_000_000 + i,
                EndNs = 9_000_000 + i, TtftMs = 1, E2eMs = 8, PromptTokens = 16, OutputTokens = 4, RequestedOutputTokens = 4, Events = 4,
                Error = i == 1 ? "timeout, after 30 s" : null,
            };
        }
    }
}
