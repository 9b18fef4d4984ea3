using BenchCluster.Reporting.Records;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BenchCluster.Reporting.Exporting;

/// <summary>
/// The table a person reads at a terminal (Spectre.Console): identity, tokens/s ± sd, latency percentiles and errors
/// where the results have them, cost, and the verdict with numbered reasons under the table.
/// </summary>
public sealed class TableExporter : IResultExporter
{
    /// <summary>Width when the output is not a terminal (a log, a pipe, a file): wide enough not to wrap cells.</summary>
    private const int RedirectedWidth = 240;

    public OutputFormat Format => OutputFormat.Table;

    public string ContentType => "text/plain; charset=utf-8";

    public async Task WriteAsync(IReadOnlyList<ResultRecord> records, TextWriter output, CancellationToken cancellationToken = default)
    {
        var console = CreateConsole(output);
        if (records.Count == 0)
        {
            console.MarkupLine("[yellow]no results[/]");
            await output.FlushAsync(cancellationToken);
            return;
        }
        var columns = ResultSummaryColumns.For(records);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(column.Header == "t/s" ? "[bold]t/s[/]" : Markup.Escape(column.Header)) { Alignment = column.Numeric ? Justify.Right : Justify.Left });
        table.AddColumn("verdict");
        var notes = new List<string>();
        foreach (var record in records)
        {
            var verdict = "[green]VALID[/]";
            if (!record.IsValid)
            {
                notes.Add($"[{notes.Count + 1}] {ResultSummaryColumns.Note(record)}");
                verdict = $"[red]{Markup.Escape(record.Verdict)} [[{notes.Count}]][/]";
            }
            table.AddRow(columns.Select(c => (IRenderable)new Text(c.Text(record))).Append(new Markup(verdict)));
        }
        console.Write(table);
        if (ResultSummaryColumns.SyntheticNote(records) is { } synthetic)
            console.MarkupLine($"[grey]{Markup.Escape(synthetic)}[/]");
        foreach (var note in notes)
            console.MarkupLine($"[red]{Markup.Escape(note)}[/]");
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>A console on <paramref name="output"/>: colours and the terminal's width on a terminal, plain and wide otherwise.</summary>
    public static IAnsiConsole CreateConsole(TextWriter output)
    {
        var target = new AnsiConsoleOutput(output);
        // Colour codes in a file or a pipe are noise for whoever reads it next.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = target,
            Ansi = target.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = target.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = target.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!target.IsTerminal)
            console.Profile.Width = Math.Max(console.Profile.Width, RedirectedWidth);
        return console;
    }
}
