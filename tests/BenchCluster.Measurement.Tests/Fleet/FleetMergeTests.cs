using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Tests.Scenarios;

namespace BenchCluster.Measurement.Tests.Fleet;

/// <summary>A fleet point's statistics come from all drivers' raw rows together, on one clock.</summary>
public sealed class FleetMergeTests
{
    private const long Ms = 1_000_000;

    private static readonly JobSpec Template = Jobs.Remote("{kind: poisson, requests: 10, fleet: {drivers: 2}, parameters: {rate: [10]}}") with
    {
        Fleet = new FleetShare { Index = 0, Nodes = ["a", "b"] },
    };

    /// <summary>
    /// A driver whose node's monotonic clock reads <paramref name="originNs"/> at the common start, sending
    /// <paramref name="ttftsMs"/>.Length requests 100 ms apart with the given TTFTs (each ends 50 ms after its first token).
    /// </summary>
    private static JobMeasurement Driver(string node, int index, long originNs, double rate, params long[] ttftsMs)
    {
        var samples = ttftsMs.Select((ttft, i) =>
        {
            var scheduled = originNs + (i + 1) * 100 * Ms;
            return new Sample
            {
                Seq = i, Kind = SampleKind.Request, ScheduledNs = scheduled, SentNs = scheduled + (index + 1) * Ms,
                FirstTokenNs = scheduled + ttft * Ms, EndNs = scheduled + (ttft + 50) * Ms, EventNs = [scheduled + ttft * Ms],
                EventTokenCounts = [1], OutputTokens = 1, PromptTokens = 8, RequestedOutputTokens = 1, Driver = node,
            };
        }).ToList();
        return new JobMeasurement
        {
            PointId = Template.Point.Id, Repetition = 0, Samples = samples,
            Stages = [new StageInfo { Index = 0, Kind = StageKind.Steady, TargetRate = rate, Burstiness = 1, StartNs = originNs, EndNs = samples.Max(s => s.EndNs) }],
            MeasuredStartNs = originNs, MeasuredEndNs = samples.Max(s => s.EndNs),
            Fleet = new FleetDriverStart { Driver = node, Index = index, StartUtc = DateTimeOffset.UnixEpoch, OriginNs = originNs, StartErrorNs = (index + 1) * 3 * Ms / 10 },
        };
    }

    [Fact]
    public void Merged_percentiles_equal_those_of_all_rows_together_not_an_average_of_the_drivers()
    {
        // Driver a is fast, driver b slow: averaging their own p50s (20 and 200) would give 110 ms; all rows together give 65.
        var a = Driver("a", 0, 5_000 * Ms, 5, 10, 20, 30, 15, 25);
        var b = Driver("b", 1, 987_654 * Ms, 5, 100, 400, 200, 300, 150);
        var template = Template;

        var merged = FleetMerge.PerRepetition([a, b], 2);
        var result = ResultAggregator.Aggregate(template.Point, template, merged, CostInputs.None, "fleet:a+b");

        var all = a.Samples.Concat(b.Samples).ToList();
        foreach (var (metric, of) in new (string, Func<Sample, double?>)[] { (MetricNames.TtftMs, RequestMetrics.TtftMs), (MetricNames.E2elMs, RequestMetrics.E2elMs) })
        {
            var values = all.Select(of).OfType<double>().ToList();
            var statistics = result.Headline!.Metric(metric)!.Statistics;
            Assert.Equal(10, statistics.N);
            Assert.Equal(StatisticsCalculator.Quantile(values, 0.5), statistics.Median!.Value, 9);
            Assert.Equal(StatisticsCalculator.Quantile(values, 0.99), statistics.P99!.Value, 9);
        }
        Assert.Equal(65, result.Headline!.Metric(MetricNames.TtftMs)!.Statistics.Median!.Value, 9); // (30 + 100) / 2 over all ten rows
        Assert.Equal(10, result.Headline.TargetRate);
        Assert.All(merged[0].Samples, s => Assert.NotNull(s.Driver));
    }

    [Fact]
    public void Drivers_clocks_are_moved_onto_one_so_the_fleet_window_and_achieved_rate_span_both()
    {
        var a = Driver("a", 0, 5_000 * Ms, 5, 10, 10, 10, 10, 10);
        var b = Driver("b", 1, 987_654 * Ms, 5, 10, 10, 10, 10, 10);

        var merged = FleetMerge.Merge([a, b], 2);

        var stage = Assert.Single(merged.Stages);
        Assert.Equal(5_000 * Ms, stage.StartNs);
        Assert.Equal(10, stage.TargetRate);
        // Both drivers' last requests were scheduled 500 ms after the common start (b sent 1 ms later than a).
        Assert.Equal(5_000 * Ms + 502 * Ms, merged.Samples.Max(s => s.SentNs));
        Assert.Equal(10 / 0.502, FleetSummaryBuilder.AchievedRate([merged])!.Value, 9);
        Assert.Equal(2 * 5, merged.Samples.Count);
    }

    [Fact]
    public void The_summary_records_each_drivers_send_lag_and_start_error_and_the_requested_and_achieved_rate()
    {
        var a = Driver("a", 0, 5_000 * Ms, 5, 10, 10, 10, 10, 10);
        var b = Driver("b", 1, 987_654 * Ms, 5, 10, 10, 10, 10, 10);
        var template = Template with { Fleet = Template.Fleet! with { Index = 1 } };

        var summary = FleetSummaryBuilder.Build(template, [a, b], FleetMerge.PerRepetition([a, b], 2));

        Assert.Equal(10, summary.RequestedRate);
        Assert.Equal(10 / 0.502, summary.AchievedRate!.Value, 9);
        Assert.Equal(["a", "b"], summary.Drivers.Select(d => d.Driver));
        Assert.Equal([1.0, 2.0], summary.Drivers.Select(d => d.SendLagP50Ms!.Value));
        Assert.Equal([1.0, 2.0], summary.Drivers.Select(d => d.SendLagMaxMs!.Value));
        Assert.Equal([0.3, 0.6], summary.Drivers.Select(d => Math.Round(d.StartErrorMaxMs!.Value, 9)));
        Assert.Equal([5, 5], summary.Drivers.Select(d => d.Requests));
    }

    [Fact]
    public void A_failed_driver_leaves_its_repetition_without_samples_and_the_point_invalid_naming_it()
    {
        var a = Driver("a", 0, 5_000 * Ms, 5, 10, 20);
        var b = Driver("b", 1, 9_000 * Ms, 5, 10, 20) with { Samples = [], Error = "HttpRequestException: connection refused" };
        var template = Template;

        var merged = FleetMerge.PerRepetition([a, b], 2);
        var result = ResultAggregator.Aggregate(template.Point, template, merged, CostInputs.None, "fleet:a+b");

        Assert.Empty(Assert.Single(merged).Samples);
        Assert.False(result.Verdict.IsValid);
        Assert.Contains(result.Verdict.Reasons, r => r.Contains("fleet driver b failed: HttpRequestException: connection refused", StringComparison.Ordinal));
        Assert.Contains("1 of 2 fleet drivers reported nothing", FleetMerge.Merge([a], 2).Error, StringComparison.Ordinal);
    }
}
