
namespace BenchCluster.Reporting.Reports;

/// <summary>
/// Builds a run's report from data already read (no file or database I/O): the HTML page, the Markdown summary and
/// the plots. The CLI writes the three to files; the HTTP API and web pages serve <see cref="Html"/>.
/// </summary>
public static class ReportBuilder
{
    /// <param name="plotFolder">Where the Markdown links the plot files, relative to the Markdown file.</param>
    public static RunReport Build(ReportInput input, string plotFolder = "plots")
    {
        var plots = ReportPlots.Draw(input);
        var sections = Sections(input);
        return new RunReport(HtmlReportWriter.Write(input, plots, sections), MarkdownReportWriter.Write(input, plots, plotFolder, sections), plots);
    }

    /// <summary>The self-contained HTML page alone.</summary>
    public static string Html(ReportInput input) => HtmlReportWriter.Write(input, ReportPlots.Draw(input), Sections(input));

    private static IReadOnlyList<ReportSection> Sections(ReportInput input) =>
        input.Comparison is { } comparison ? [ComparisonSection.From(comparison)] : [];
}
