using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Reports;
using BenchCluster.Reporting.Tests.Plots;
using BenchCluster.Testing.Reliability;
using static BenchCluster.Reporting.Tests.Quality.QualityFamily;

namespace BenchCluster.Reporting.Tests.Quality;

public sealed partial class QualityReportTests
{
    private static ReportInput Input(IReadOnlyList<ResultRecord> records) => new()
    {
        Run = SampleRecords.Run("family"),
        Records = records,
        GeneratedAt = DateTimeOffset.Parse("2026-12-06T08:00:00Z", CultureInfo.InvariantCulture),
    };

    [Fact]
    public void The_report_plots_kld_against_cost_and_shows_quality_columns_beside_speed()
    {
        var records = Family();
        var report = ReportBuilder.Build(Input(records));

        var plot = Assert.Single(report.Plots, p => p.Name.StartsWith(QualityCostPlot.CostName, StringComparison.Ordinal));
        Assert.Equal("quality-cost-tg128", plot.Name);
        var text = PlotAssert.Text(PlotAssert.Valid(plot, "quality-cost-tg128"));
        Assert.Contains("mean KL-divergence", text, StringComparison.Ordinal);
        Assert.Contains(PointLabels.Of(records.Single(r => r.Model == "q8_0" && r.ScenarioKind == "tg")), text, StringComparison.Ordinal);
        Assert.DoesNotContain(PointLabels.Of(records.Single(r => r.Model == "q2_k")), text, StringComparison.Ordinal);
        foreach (var expected in new[] { "KLD mean ± se", "0.031 ± 0.00155", "93.8%", "q4_k_m/quality[ctx=512]", "no quality point of this file on cpu-1" })
            Assert.Contains(expected, report.Html, StringComparison.Ordinal);
        Assert.Contains("| KLD mean ± se |", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("down is closer to the reference", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_prices_kld_is_plotted_against_throughput()
    {
        var unpriced = Family().Select(r => r with { Cost = new ResultCost() }).ToList();

        var report = ReportBuilder.Build(Input(unpriced));

        Assert.Contains(report.Plots, p => p.Name == "quality-throughput-tg128");
        Assert.DoesNotContain(report.Plots, p => p.Name.StartsWith(QualityCostPlot.CostName, StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_without_quality_has_neither_the_plot_nor_the_columns()
    {
        var report = ReportBuilder.Build(Input([Speed("q8_0", 80, 0.15)]));

        Assert.DoesNotContain(report.Plots, p => p.Name.StartsWith("quality-", StringComparison.Ordinal));
        Assert.DoesNotContain("KLD mean", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_synthetic_models_quality_is_labelled_as_random_weights_in_the_report()
    {
        var records = QualityJoin.Attach([Speed("q8_0", 80, 0.15), QualityPoint("q8_0", 0.002, synthetic: true)]);

        var report = ReportBuilder.Build(Input(records));

        Assert.Contains("(random weights)", report.Html, StringComparison.Ordinal);
        Assert.Contains("random weights", Assert.Single(report.Plots, p => p.Name.StartsWith("quality-", StringComparison.Ordinal)).Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_names_in_the_quality_columns_are_escaped_in_html_and_markdown()
    {
        var watch = Stopwatch.StartNew();
        const string hostile = "<script>alert(1)</script>](javascript:x) | <b>";
        var raw = new[] { Speed("q4_0", 150, 0.08), Speed("q2_k", 200, 0.05), QualityPoint("q4_0", 0.08) }
            .Select(r => r with
            {
                Node = hostile,
                PointLabel = hostile + r.PointLabel,
                Quality = r.Quality is null ? null : r.Quality with { SourcePointLabel = hostile, CorpusName = hostile },
            }).ToList();

        var report = ReportBuilder.Build(Input(QualityJoin.Attach(raw)));

        Assert.DoesNotContain("<script>", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", report.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", report.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("](javascript", report.Markdown, StringComparison.Ordinal);
        var rows = report.Markdown.Split('\n').SkipWhile(l => !l.StartsWith("| model |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, row => Assert.Equal(ReportTables.Results.Count + ReportTables.Quality.Count + 1, UnescapedPipes().Count(row)));
        watch.Stop();
        ReliabilityLog.BadInput(new BadInputRecord("report quality columns (HTML and Markdown)", "quality point label, node and corpus names holding script, Markdown links and table pipes",
            3, $"escaped: no tag, link or extra cell survives ({watch.Elapsed.TotalMilliseconds:0} ms)", nameof(Hostile_names_in_the_quality_columns_are_escaped_in_html_and_markdown)));
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipes();
}
