using System.Text;
using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Reports;

/// <summary>
/// Writes the report as one self-contained HTML page: inline CSS, plots as base64 data URIs (an SVG inside an img keeps
/// each plot's ids to itself), no script and no URL. Every text from the database is HTML-encoded: suite and model
/// names are user input.
/// </summary>
public static class HtmlReportWriter
{
    public static string Write(ReportInput input, IReadOnlyList<PlotImage> plots, IReadOnlyList<ReportSection>? sections = null)
    {
        var html = new StringBuilder();
        var title = $"BenchCluster report: {input.Run.SuiteName}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<h2 id=\"run\">Run</h2>\n<table class=\"meta\">\n");
        foreach (var (name, value) in ReportTables.Metadata(input))
            html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
        html.Append("</table>\n");
        AppendResults(html, input.Records);
        foreach (var section in sections ?? [])
            html.Append("<h2 id=\"").Append(E(section.Id)).Append("\">").Append(E(section.Title)).Append("</h2>\n").Append(section.Html).Append('\n');
        AppendPlots(html, plots);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// HTML-encodes text for element content and quoted attribute values: the five characters that can end either.
    /// Other characters stay as they are (the page is UTF-8), so "±" reads as "±" in the source too.
    /// </summary>
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var html = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(c); break;
            }
        }
        return html.ToString();
    }

    /// <summary>A table of rows under the given columns; a row's CSS class (e.g. "regression") may come from <paramref name="rowClass"/>.</summary>
    public static string Table<T>(IReadOnlyList<ReportColumn<T>> columns, IEnumerable<T> rows, Func<T, string?>? rowClass = null)
    {
        var html = new StringBuilder("<div class=\"scroll\"><table>\n<tr>");
        foreach (var column in columns)
            html.Append("<th>").Append(E(column.Header)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            var css = rowClass?.Invoke(row);
            html.Append(css is null ? "<tr>" : $"<tr class=\"{E(css)}\">");
            foreach (var column in columns)
            {
                var text = column.Cell(row);
                var cellClass = column.Numeric ? " class=\"num\"" : text is "VALID" or "INVALID" ? $" class=\"{text}\"" : "";
                html.Append("<td").Append(cellClass).Append('>').Append(E(text)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</table></div>\n").ToString();
    }

    private static void AppendResults(StringBuilder html, IReadOnlyList<ResultRecord> records)
    {
        html.Append("<h2 id=\"results\">Results</h2>\n");
        if (records.Count == 0)
        {
            html.Append("<p>This run has no results yet.</p>\n");
            return;
        }
        html.Append(Table(ReportTables.ResultColumns(records), ReportTables.Ordered(records)));
        var reasons = ReportTables.Reasons(records).ToList();
        if (reasons.Count == 0)
            return;
        html.Append("<h2 id=\"verdicts\">Verdict reasons</h2>\n<table>\n<tr><th>result</th><th>verdict</th><th>why</th></tr>\n");
        foreach (var (point, verdict, why) in reasons)
            html.Append("<tr><td>").Append(E(point)).Append("</td><td class=\"").Append(E(verdict)).Append("\">").Append(E(verdict))
                .Append("</td><td>").Append(E(why)).Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void AppendPlots(StringBuilder html, IReadOnlyList<PlotImage> plots)
    {
        if (plots.Count == 0)
            return;
        html.Append("<h2 id=\"plots\">Plots</h2>\n");
        foreach (var plot in plots)
        {
            var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(plot.Svg));
            html.Append("<figure id=\"plot-").Append(E(plot.Name)).Append("\"><img width=\"").Append(PlotImage.Width).Append("\" height=\"").Append(PlotImage.Height)
                .Append("\" alt=\"").Append(E(plot.Title)).Append("\" src=\"data:image/svg+xml;base64,").Append(data).Append("\">")
                .Append("<figcaption>").Append(E(PlotCaptions.Of(plot.Name))).Append("</figcaption></figure>\n");
        }
    }
}
