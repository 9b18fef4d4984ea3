using System.Text;
using BenchCluster.Reporting.Plots;

namespace BenchCluster.Reporting.Reports;

/// <summary>
/// Writes the report's Markdown summary (for a pull request or a wiki): the same metadata and tables as the HTML page,
/// and the plots as links to image files beside it. Text from the database is escaped so it cannot make links, HTML or
/// table cells of its own.
/// </summary>
public static class MarkdownReportWriter
{
    public static string Write(ReportInput input, IReadOnlyList<PlotImage> plots, string plotFolder = "plots", IReadOnlyList<ReportSection>? sections = null)
    {
        var md = new StringBuilder();
        md.Append("# BenchCluster report: ").Append(E(input.Run.SuiteName)).Append("\n\n");
        md.Append("| | |\n|---|---|\n");
        foreach (var (name, value) in ReportTables.Metadata(input))
            md.Append("| ").Append(E(name)).Append(" | ").Append(E(value)).Append(" |\n");
        md.Append("\n## Results\n\n");
        if (input.Records.Count == 0)
            md.Append("This run has no results yet.\n");
        else
            md.Append(Table(ReportTables.ResultColumns(input.Records), ReportTables.Ordered(input.Records)));
        var reasons = ReportTables.Reasons(input.Records).ToList();
        if (reasons.Count > 0)
        {
            md.Append("\n## Verdict reasons\n\n| result | verdict | why |\n|---|---|---|\n");
            foreach (var (point, verdict, why) in reasons)
                md.Append("| ").Append(E(point)).Append(" | ").Append(E(verdict)).Append(" | ").Append(E(why)).Append(" |\n");
        }
        foreach (var section in sections ?? [])
            md.Append("\n## ").Append(E(section.Title)).Append("\n\n").Append(section.Markdown).Append('\n');
        if (plots.Count > 0)
        {
            md.Append("\n## Plots\n\n");
            foreach (var plot in plots)
                md.Append("![").Append(E(plot.Title)).Append("](").Append(plotFolder).Append('/').Append(plot.Name).Append(".svg)\n\n")
                    .Append(E(PlotCaptions.Of(plot.Name))).Append("\n\n");
        }
        return md.ToString();
    }

    /// <summary>A Markdown table of rows under the given columns, numbers right-aligned.</summary>
    public static string Table<T>(IReadOnlyList<ReportColumn<T>> columns, IEnumerable<T> rows)
    {
        var md = new StringBuilder("| ");
        md.AppendJoin(" | ", columns.Select(c => E(c.Header))).Append(" |\n|");
        md.AppendJoin("|", columns.Select(c => c.Numeric ? "---:" : "---")).Append("|\n");
        foreach (var row in rows)
            md.Append("| ").AppendJoin(" | ", columns.Select(c => E(c.Cell(row)))).Append(" |\n");
        return md.ToString();
    }

    /// <summary>
    /// Escapes text for Markdown: backslash-escapes the characters that start emphasis, code, links or table cells,
    /// encodes angle brackets and ampersands (no raw HTML), and folds line breaks into spaces.
    /// </summary>
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var md = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': md.Append("&lt;"); break;
                case '>': md.Append("&gt;"); break;
                case '&': md.Append("&amp;"); break;
                case '\r' or '\n': md.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '|' or '!' or '#' or '~': md.Append('\\').Append(c); break;
                default: md.Append(c); break;
            }
        }
        return md.ToString();
    }
}
