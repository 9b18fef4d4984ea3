using System.Text.Json;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Exporting;

/// <summary>
/// Per-request rows (`results RUN --requests`) as JSON Lines or CSV, written as they are read: a run can hold millions
/// of requests, so nothing is collected in memory.
/// </summary>
public static class RequestExporter
{
    public static IReadOnlyList<Column<RequestRow>> Columns { get; } =
    [
        new("run_id", r => r.RunId),
        new("job_id", r => r.JobId),
        new("point_key", r => r.PointKey),
        new("model", r => r.Model),
        new("scenario", r => r.Scenario),
        new("node", r => r.NodeName),
        new("repetition", r => r.Repetition),
        new("attempt", r => r.Attempt),
        new("seq", r => r.Seq),
        new("kind", r => r.Kind),
        new("is_warmup", r => r.IsWarmup),
        new("stage", r => r.Stage),
        new("scheduled_ns", r => r.ScheduledNs),
        new("sent_ns", r => r.SentNs),
        new("first_token_ns", r => r.FirstTokenNs),
        new("end_ns", r => r.EndNs),
        new("ttft_ms", r => r.TtftMs),
        new("e2e_ms", r => r.E2eMs),
        new("prompt_tokens", r => r.PromptTokens),
        new("output_tokens", r => r.OutputTokens),
        new("requested_output_tokens", r => r.RequestedOutputTokens),
        new("events", r => r.Events),
        new("error", r => r.Error),
    ];

    public static bool Supports(OutputFormat format) => format is OutputFormat.Jsonl or OutputFormat.Csv;

    /// <summary>Writes every row; returns how many.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<RequestRow> rows, OutputFormat format, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (!Supports(format))
            throw new ArgumentOutOfRangeException(nameof(format), format, "per-request rows are written as jsonl or csv");
        if (format == OutputFormat.Csv)
            await output.WriteAsync(CsvText.Line(Columns.Select(c => (object?)c.Name)).AsMemory(), cancellationToken);
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var line = format == OutputFormat.Csv
                ? CsvText.Line(Columns.Select(c => c.Value(row)))
                : JsonSerializer.Serialize(row, ExportJson.Compact) + "\n";
            await output.WriteAsync(line.AsMemory(), cancellationToken);
            count++;
        }
        await output.FlushAsync(cancellationToken);
        return count;
    }
}
