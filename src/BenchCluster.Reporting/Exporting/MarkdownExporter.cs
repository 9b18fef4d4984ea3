using System.Text;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Exporting;

/// <summary>A GitHub-flavoured Markdown table of the terminal table's columns, for pull requests and reports.</summary>
public sealed class MarkdownExporter : IResultExporter
{
    public OutputFormat Format => OutputFormat.Markdown;

    public string ContentType => "text/markdown; charset=utf-8";

    public async Task WriteAsync(IReadOnlyList<ResultRecord> records, TextWriter output, CancellationToken cancellationToken = default)
    {
        var columns = ResultSummaryColumns.For(records);
        var text = new StringBuilder();
        text.Append(MarkdownText.Header([.. columns.Select(c => c.Header), "verdict"], [.. columns.Select(c => c.Numeric), false])).Append('\n');
        var notes = new List<string>();
        foreach (var record in records)
        {
            var verdict = record.Verdict;
            if (!record.IsValid)
            {
                notes.Add(ResultSummaryColumns.Note(record));
                verdict += $" [{notes.Count}]";
            }
            text.Append(MarkdownText.Row(columns.Select(c => c.Text(record)).Append(verdict))).Append('\n');
        }
        if (ResultSummaryColumns.SyntheticNote(records) is { } synthetic)
            text.Append("\n\\").Append(synthetic).Append('\n');
        if (notes.Count > 0)
            text.Append('\n');
        for (var i = 0; i < notes.Count; i++)
            text.Append(i + 1).Append(". ").Append(MarkdownText.Cell(notes[i])).Append('\n');
        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
