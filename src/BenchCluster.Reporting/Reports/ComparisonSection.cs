using System.Text;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Comparing.Writing;

namespace BenchCluster.Reporting.Reports;

/// <summary>
/// The report's comparison with a base run: the summary, then every matched point with ratio, significance and
/// verdict (regressions marked), latency that got worse, and the points only one run has. Built on RunComparer's
/// result, with the same wording as `benchcluster compare`.
/// </summary>
public static class ComparisonSection
{
    public const string Id = "comparison";
    public const string Title = "Comparison with the base run";

    public static readonly IReadOnlyList<ReportColumn<PointComparison>> Columns =
    [
        new("point", p => p.PointLabel),
        new("node", p => p.Node),
        new("base tokens/s", p => ComparisonText.Throughput(p.BaseMean), Numeric: true),
        new("new tokens/s", p => ComparisonText.Throughput(p.NewMean), Numeric: true),
        new("ratio", p => ComparisonText.Ratio(p.Ratio), Numeric: true),
        new("change", p => ComparisonText.Change(p.ChangePercent), Numeric: true),
        new("p", p => ComparisonText.PValue(p.PValue), Numeric: true),
        new("confidence", p => ComparisonText.Confidence(p.Confidence), Numeric: true),
        new("validity base/new", p => $"{p.BaseValidity}/{p.NewValidity}"),
        new("verdict", p => ComparisonText.Verdict(p) + (p.Note is null ? "" : $" ({p.Note})")),
    ];

    public static ReportSection From(ComparisonReport comparison)
    {
        var lines = Lines(comparison);
        var html = new StringBuilder();
        html.Append("<p><strong>").Append(HtmlReportWriter.E(Headline(comparison))).Append("</strong></p>\n<ul>\n");
        foreach (var line in lines.Summary)
            html.Append("<li>").Append(HtmlReportWriter.E(line)).Append("</li>\n");
        html.Append("</ul>\n").Append(HtmlReportWriter.Table(Columns, comparison.Points, p => p.IsRegression ? "regression" : null));
        AppendList(html, "Latency worse than the threshold (pooled percentiles, no test of significance)", lines.Latency);
        AppendList(html, "Unmatched points (settings, model file or node differ)", lines.Unmatched);

        var md = new StringBuilder();
        md.Append("**").Append(MarkdownReportWriter.E(Headline(comparison))).Append("**\n\n");
        foreach (var line in lines.Summary)
            md.Append("- ").Append(MarkdownReportWriter.E(line)).Append('\n');
        md.Append('\n').Append(MarkdownReportWriter.Table(Columns, comparison.Points));
        foreach (var (title, items) in new[] { ("Latency worse than the threshold", lines.Latency), ("Unmatched points", lines.Unmatched) }.Where(x => x.Item2.Count > 0))
        {
            md.Append('\n').Append(title).Append(":\n\n");
            foreach (var item in items)
                md.Append("- ").Append(MarkdownReportWriter.E(item)).Append('\n');
        }
        return new ReportSection(Id, Title, html.ToString(), md.ToString());
    }

    private static string Headline(ComparisonReport c) =>
        c.HasRegressions ? $"{c.Regressions} performance regression(s) against the base run" : "No performance regression against the base run";

    private static (List<string> Summary, List<string> Latency, List<string> Unmatched) Lines(ComparisonReport c) =>
    (
        [$"base: {ComparisonText.Run(c.Base)}", $"new: {ComparisonText.Run(c.New)}", ComparisonText.Summary(c)],
        c.Points.Where(p => p.Latency.Any(l => l.IsWorse))
            .Select(p => $"{p.PointLabel} on {p.Node}: {string.Join("; ", p.Latency.Where(l => l.IsWorse).Select(ComparisonText.Latency))}").ToList(),
        c.OnlyInBase.Select(p => $"only in base: {p.PointLabel} on {p.Node}").Concat(c.OnlyInNew.Select(p => $"only in new: {p.PointLabel} on {p.Node}")).ToList()
    );

    private static void AppendList(StringBuilder html, string title, List<string> items)
    {
        if (items.Count == 0)
            return;
        html.Append("<p>").Append(HtmlReportWriter.E(title)).Append(":</p>\n<ul>\n");
        foreach (var item in items)
            html.Append("<li>").Append(HtmlReportWriter.E(item)).Append("</li>\n");
        html.Append("</ul>\n");
    }
}
