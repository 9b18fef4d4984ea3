using BenchCluster.Reporting.Plots;

namespace BenchCluster.Reporting.Reports;

/// <summary>
/// Builds a run's report from data already read (no file or database I/O): the HTML page, the Markdown summary and
/// the plots. The CLI writes the three to files; the HTTP API and web pages serve <see cref="Html"/>.
/// </summary>
public static class ReportBuilder
{
    public static RunReport Build(ReportInput input, IReadOnlyList<ReportSection>? sections = null, string plotFolder = "plots")
    {
        var plots = ReportPlots.Draw(input);
        return new RunReport(HtmlReportWriter.Write(input, plots, sections), MarkdownReportWriter.Write(input, plots, plotFolder, sections), plots);
    }

    /// <summary>The self-contained HTML page alone.</summary>
    public static string Html(ReportInput input, IReadOnlyList<ReportSection>? sections = null) =>
        HtmlReportWriter.Write(input, ReportPlots.Draw(input), sections);
}
