using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Tests.Plots;

public sealed class PlotTests
{
    private static readonly IReadOnlyList<ResultRecord> Micro =
    [
        SampleRecords.Micro("qwen", "Q4_0", "tg32", 1, 20, usdPerMTok: 3.0),
        SampleRecords.Micro("qwen", "Q4_0", "tg32", 2, 35, usdPerMTok: 1.7),
        SampleRecords.Micro("qwen", "Q8_0", "tg32", 2, 25, usdPerMTok: 2.4),
        SampleRecords.Micro("qwen", "Q8_0", "pp128", 2, 400, usdPerMTok: 0.15),
    ];

    [Fact]
    public void Throughput_plots_draw_one_labelled_bar_per_result_one_plot_per_scenario()
    {
        var plots = ThroughputPlot.Draw(Micro);

        Assert.Equal(["throughput-pp128", "throughput-tg32"], plots.Select(p => p.Name));
        var tg = PlotAssert.Text(PlotAssert.Valid(plots[1], "throughput-tg32"));
        Assert.Contains("tokens/s (mean ± sd over repetitions)", tg);
        Assert.Contains("Throughput of tg32", tg);
        Assert.Contains("qwen Q4_0 [threads=1] · worker-1", tg);
        Assert.Contains("qwen Q8_0 [threads=2] · worker-1", tg);
        Assert.DoesNotContain("pp128", tg);
    }

    [Fact]
    public void Plot_names_from_hostile_scenario_names_are_file_safe_and_unique()
    {
        var records = new[] { "../../etc/passwd", "..\\etc/passwd", "<x>" }.Select(s => SampleRecords.Micro("m", "Q4_0", s, 1, 10)).ToList();

        var names = ThroughputPlot.Draw(records).Select(p => p.Name).ToList();

        Assert.Equal(3, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^throughput-[a-z0-9-]+$", n));
    }

    [Fact]
    public void Plots_without_applicable_data_are_left_out()
    {
        var unmeasured = Micro.Select(r => r with { TokensPerSecond = null, Cost = new ResultCost() }).ToList();
        Assert.Empty(ThroughputPlot.Draw([]));
        Assert.Empty(ThroughputPlot.Draw(unmeasured));
        Assert.Empty(CostThroughputPlot.Draw(Micro.Select(r => r with { Cost = new ResultCost() }).ToList()));
        Assert.Empty(LatencyRatePlot.Draw(RateLatencyPoints.FromRecords(Micro)));
        Assert.Null(DistributionPlot.Ttft(new Dictionary<string, IReadOnlyList<double>>()));
        Assert.Null(DistributionPlot.Itl(new Dictionary<string, IReadOnlyList<double>> { ["a"] = [double.NaN] }));
    }

    [Fact]
    public void Cost_plots_mark_the_pareto_frontier_of_each_scenario()
    {
        var frontier = CostThroughputPlot.FrontierOf(Micro);

        // tg32: 2 threads Q4_0 is faster and cheaper than both others; pp128 is alone in its scenario.
        Assert.Equal(["qwen-Q4_0-tg32-2", "qwen-Q8_0-pp128-2"], frontier.Select(r => r.PointKey).Order(StringComparer.Ordinal));
        var plots = CostThroughputPlot.Draw(Micro);
        Assert.Equal(["cost-throughput-pp128", "cost-throughput-tg32"], plots.Select(p => p.Name));
        var text = PlotAssert.Text(PlotAssert.Valid(plots[1], "cost-throughput-tg32"));
        Assert.Contains(CostThroughputPlot.FrontierLegend + " (throughput, cost)", text);
        Assert.Contains("dominated", text);
        Assert.Contains("$ per 1M tokens", text);
        // The frontier point is labelled; the dominated ones are not.
        Assert.Contains("qwen Q4_0 [threads=2] · worker-1", text);
        Assert.DoesNotContain("qwen Q8_0 [threads=2] · worker-1", text);
    }

    [Fact]
    public void Frontier_keeps_a_slower_point_whose_latency_no_faster_point_beats()
    {
        IReadOnlyList<ResultRecord> poisson =
        [
            SampleRecords.Poisson("qwen", rate: 1, throughput: 10, ttftP50: 50, ttftP99: 80, usdPerMTok: 4),
            SampleRecords.Poisson("qwen", rate: 4, throughput: 30, ttftP50: 90, ttftP99: 400, usdPerMTok: 2),
            SampleRecords.Poisson("qwen", rate: 2, throughput: 9, ttftP50: 95, ttftP99: 500, usdPerMTok: 5),
        ];

        var frontier = CostThroughputPlot.FrontierOf(poisson).Select(r => r.TargetRate).Order().ToList();

        Assert.Equal([1.0, 4.0], frontier);
    }

    [Fact]
    public void Latency_plots_draw_p50_and_p99_against_rate_for_each_series()
    {
        IReadOnlyList<ResultRecord> poisson =
        [
            SampleRecords.Poisson("qwen", 1, 10, 50, 80, 4), SampleRecords.Poisson("qwen", 2, 19, 60, 120, 3), SampleRecords.Poisson("qwen", 4, 30, 90, 400, 2),
        ];

        var plots = LatencyRatePlot.Draw(RateLatencyPoints.FromRecords(poisson));

        Assert.Equal([LatencyRatePlot.TtftName, LatencyRatePlot.TpotName], plots.Select(p => p.Name));
        var text = PlotAssert.Text(PlotAssert.Valid(plots[0], LatencyRatePlot.TtftName));
        Assert.Contains("requests/s", text);
        Assert.Contains("TTFT (ms)", text);
        Assert.Contains("qwen Q4_0 [threads=2] · worker-1 p99", text);
        Assert.DoesNotContain("rate=", text);
    }

    [Fact]
    public void Distribution_plots_bin_the_values_and_say_what_the_tail_left_out()
    {
        var values = Enumerable.Range(0, 1000).Select(i => 100.0 + i % 50).Append(100_000).ToList();

        var image = DistributionPlot.Ttft(new Dictionary<string, IReadOnlyList<double>> { ["qwen · chat"] = values });

        var text = PlotAssert.Text(PlotAssert.Valid(image, DistributionPlot.TtftName));
        Assert.Contains("1 values above", text);
        Assert.Contains("(n=1001)", text);
        Assert.Contains("time to first token (ms)", text);
        PlotAssert.Valid(DistributionPlot.Itl(new Dictionary<string, IReadOnlyList<double>> { ["a"] = [5, 6, 7], ["b"] = [9, 9.5] }), DistributionPlot.ItlName);
    }
}
