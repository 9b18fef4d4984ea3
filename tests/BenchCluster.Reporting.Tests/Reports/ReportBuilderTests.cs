using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Reports;
using BenchCluster.Reporting.Tests.Plots;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Reporting.Tests.Reports;

public sealed partial class ReportBuilderTests
{
    private static ReportInput Input(IReadOnlyList<ResultRecord> records, string suite = "demo") => new()
    {
        Run = SampleRecords.Run(suite),
        Records = records,
        Requests = records.Where(r => r.TargetRate is not null)
            .SelectMany(r => Enumerable.Range(0, 40).Select(i => SampleRecords.Request(r, i, 50 + i))).ToList(),
        GeneratedAt = DateTimeOffset.Parse("2026-12-06T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static readonly IReadOnlyList<ResultRecord> Mixed =
    [
        SampleRecords.Micro("qwen", "Q4_0", "tg32", 2, 35, usdPerMTok: 1.7),
        SampleRecords.Micro("qwen", "Q8_0", "tg32", 2, 25, usdPerMTok: 2.4, verdict: "INVALID", reasons: ["cv 0.31 > max_cv 0.10"]),
        SampleRecords.Poisson("qwen", 1, 10, 50, 80, 4),
        SampleRecords.Poisson("qwen", 2, 19, 60, 120, 3),
    ];

    [Fact]
    public void Report_holds_metadata_results_with_verdicts_and_every_applicable_plot()
    {
        var report = ReportBuilder.Build(Input(Mixed));

        Assert.Equal(
            ["throughput-chat", "throughput-tg32", LatencyRatePlot.TtftName, LatencyRatePlot.TpotName, "cost-throughput-chat", "cost-throughput-tg32",
                DistributionPlot.TtftName],
            report.Plots.Select(p => p.Name));
        foreach (var expected in new[] { "demo", "alice", SampleRecords.RunId.ToString(), "llama.cpp b1234", "0.9.0 (abc1234)", "2026-12-06 00:59:05 UTC",
                     "35.0 ± 1.75", "50.0 / 80.0", "cv 0.31 &gt; max_cv 0.10", "class=\"INVALID\"", "$/1M tok", "J/token", "goodput (req/s)" })
            Assert.Contains(expected, report.Html);
        Assert.Equal(report.Plots.Count, ImgTag().Count(report.Html));
        foreach (var expected in new[] { "| model |", "| qwen | Q8\\_0 | tg32 |", "INVALID", "cv 0.31 &gt; max\\_cv 0.10", "](plots/cost-throughput-tg32.svg)" })
            Assert.Contains(expected, report.Markdown);
        // Rows in reading order (scenario, model, …), not the order the database returned them (tg32 first here).
        Assert.True(report.Markdown.IndexOf("| qwen | Q4\\_0 | chat |", StringComparison.Ordinal) < report.Markdown.IndexOf("| qwen | Q4\\_0 | tg32 |", StringComparison.Ordinal));
        Assert.True(report.Markdown.IndexOf("| qwen | Q4\\_0 | chat |", StringComparison.Ordinal) > 0);
    }

    [Fact]
    public void Html_is_self_contained_no_url_script_or_external_file()
    {
        var html = ReportBuilder.Html(Input(Mixed));

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        var sources = SrcOrHref().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("data:image/svg+xml;base64,", s));
        // The plots inside decode to SVG.
        Assert.All(sources, s => Assert.Contains("<svg", Encoding.UTF8.GetString(Convert.FromBase64String(s["data:image/svg+xml;base64,".Length..]))));
    }

    [Fact]
    public void Hostile_names_from_the_database_are_escaped_in_html_and_markdown()
    {
        var watch = Stopwatch.StartNew();
        const string hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";
        const string mdHostile = "evil](javascript:alert(1)) | <b>x</b>";
        var records = Mixed.Select(r => r with { Model = hostile, Node = mdHostile, Quantization = "\"><svg onload=alert(3)>" }).ToList();

        var report = ReportBuilder.Build(Input(records, suite: hostile + mdHostile) with { Run = SampleRecords.Run(hostile) with { SubmittedBy = mdHostile } });

        Assert.DoesNotContain("<script>", report.Html);
        Assert.DoesNotContain("<img src=x", report.Html);
        Assert.DoesNotContain("<svg onload", report.Html);
        Assert.DoesNotContain("\"><svg", report.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", report.Html);
        Assert.DoesNotContain("<script", report.Markdown);
        Assert.DoesNotContain("<b>", report.Markdown);
        Assert.DoesNotContain("](javascript", report.Markdown);
        Assert.Contains("evil\\]\\(javascript:alert\\(1\\)\\) \\| &lt;b&gt;x&lt;/b&gt;", report.Markdown);
        // A hostile name cannot add table cells: every results row has as many cells as the header.
        var rows = report.Markdown.Split('\n').SkipWhile(l => !l.StartsWith("| model |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.True(rows.Count > 2);
        Assert.All(rows, row => Assert.Equal(ReportTables.Results.Count + 1, UnescapedPipes().Count(row)));
        watch.Stop();
        ReliabilityLog.BadInput(new BadInputRecord("report (HTML and Markdown)", "model, node, quantization, suite and submitter names holding HTML, script, Markdown links and table pipes",
            3, $"escaped: no tag, link or extra cell survives ({watch.Elapsed.TotalMilliseconds:0} ms)", nameof(Hostile_names_from_the_database_are_escaped_in_html_and_markdown)));
    }

    [Fact]
    public void A_run_without_results_reports_so_and_draws_no_plot()
    {
        var report = ReportBuilder.Build(Input([]));

        Assert.Empty(report.Plots);
        Assert.Contains("This run has no results yet.", report.Html);
        Assert.DoesNotContain("<img", report.Html);
        Assert.DoesNotContain("## Plots", report.Markdown);
    }

    [Fact]
    public void Unknown_values_show_as_unknown_never_as_zero()
    {
        var unpriced = SampleRecords.Micro("qwen", "Q4_0", "tg32", 2, 35) with { TokensPerSecondStdDev = null };

        var html = ReportBuilder.Html(Input([unpriced]));

        var row = Regex.Match(html, "<tr><td>qwen</td>.*?</tr>").Value;
        Assert.Contains($"<td class=\"num\">{ReportTables.Missing}</td>", row);
        Assert.DoesNotContain(">0<", row);
        Assert.Contains($"35.0 ± {ReportTables.Missing}", row);
    }

    [GeneratedRegex("<img ")]
    private static partial Regex ImgTag();

    [GeneratedRegex("(?:src|href)=\"([^\"]*)\"")]
    private static partial Regex SrcOrHref();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipes();
}
