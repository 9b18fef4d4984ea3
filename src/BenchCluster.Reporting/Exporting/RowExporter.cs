using System.Globalization;
using System.Text;
using Spectre.Console;

namespace BenchCluster.Reporting.Exporting;

/// <summary>
/// The five formats for a listing that is not results (runs, jobs, nodes, models): its columns make the table, CSV and
/// Markdown; JSON and JSON Lines serialize the row type itself, so no field is lost.
/// </summary>
public sealed class RowExporter<T>(IReadOnlyList<Column<T>> columns)
{
    public IReadOnlyList<Column<T>> Columns => columns;

    /// <param name="empty">What the table says when there are no rows; the other formats write their empty form.</param>
    public async Task WriteAsync(IReadOnlyList<T> rows, OutputFormat format, TextWriter output, string empty = "none", CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                await RowWriter.WriteCsvAsync(columns, rows, output, cancellationToken);
                break;
            case OutputFormat.Json:
                await RowWriter.WriteJsonAsync(rows, output, cancellationToken);
                break;
            case OutputFormat.Jsonl:
                await RowWriter.WriteJsonLinesAsync(rows, output, cancellationToken);
                break;
            case OutputFormat.Markdown:
                await WriteMarkdownAsync(rows, output, cancellationToken);
                break;
            default:
                WriteTable(rows, output, empty);
                await output.FlushAsync(cancellationToken);
                break;
        }
    }

    private void WriteTable(IReadOnlyList<T> rows, TextWriter output, string empty)
    {
        var console = TableExporter.CreateConsole(output);
        if (rows.Count == 0)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(empty)}[/]");
            return;
        }
        var shown = columns.Where(c => !c.Detail).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in shown)
            table.AddColumn(new TableColumn(Markup.Escape(column.Header)));
        foreach (var row in rows)
            table.AddRow(shown.Select(c => new Text(Display(c.Value(row)))));
        console.Write(table);
    }

    private async Task WriteMarkdownAsync(IReadOnlyList<T> rows, TextWriter output, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(MarkdownText.Header([.. columns.Select(c => c.Header)], [.. columns.Select(_ => false)])).Append('\n');
        foreach (var row in rows)
            text.Append(MarkdownText.Row(columns.Select(c => Display(c.Value(row))))).Append('\n');
        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>A cell as a person reads it: short numbers and times to the second, in UTC.</summary>
    private static string Display(object? value) => value switch
    {
        null => "",
        double d => double.IsFinite(d) ? d.ToString("0.###", CultureInfo.InvariantCulture) : "",
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z",
        bool b => b ? "yes" : "no",
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
