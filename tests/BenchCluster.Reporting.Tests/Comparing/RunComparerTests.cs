using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Records;
using BenchCluster.Testing.Reliability;
using static BenchCluster.Reporting.Tests.Comparing.ComparisonRecords;

namespace BenchCluster.Reporting.Tests.Comparing;

public sealed class RunComparerTests
{
    [Fact]
    public void A_clear_slowdown_beyond_the_threshold_is_a_regression_with_its_confidence()
    {
        var report = Compare([Record("tg128", [100, 101, 99])], [Record("tg128", [80, 81, 79])]);

        var point = Assert.Single(report.Points);
        Assert.Equal(ComparisonVerdict.Slower, point.Verdict);
        Assert.True(point.IsRegression);
        Assert.Equal(0.8, point.Ratio!.Value, 1e-9);
        Assert.Equal(-20, point.ChangePercent!.Value, 1e-9);
        Assert.Equal("welch-t", point.Test);
        Assert.True(point.PValue < 0.001, $"p = {point.PValue}");
        Assert.Equal(1 - point.PValue!.Value, point.Confidence!.Value, 1e-12);
        Assert.True(report.HasRegressions);
        Assert.Equal(1, report.Regressions);
    }

    [Fact]
    public void Noise_between_repetitions_is_not_a_difference()
    {
        var report = Compare([Record("tg128", [100, 110, 90])], [Record("tg128", [98, 108, 88])]);

        var point = Assert.Single(report.Points);
        Assert.Equal(ComparisonVerdict.Same, point.Verdict);
        Assert.False(point.IsRegression);
        Assert.True(point.PValue > 0.5, $"p = {point.PValue}");
        Assert.False(report.HasRegressions);
    }

    [Fact]
    public void A_real_slowdown_within_the_threshold_is_slower_but_no_regression()
    {
        var report = Compare([Record("pp512", [100, 100.2, 99.8])], [Record("pp512", [98, 98.2, 97.8])]);

        var point = Assert.Single(report.Points);
        Assert.Equal(ComparisonVerdict.Slower, point.Verdict);
        Assert.False(point.IsRegression);
        Assert.True(Compare([Record("pp512", [100, 100.2, 99.8])], [Record("pp512", [98, 98.2, 97.8])], new ComparisonOptions { Threshold = 0.01 }).HasRegressions);
    }

    [Fact]
    public void A_real_speed_up_is_faster()
    {
        var point = Assert.Single(Compare([Record("tg128", [50, 51, 49])], [Record("tg128", [60, 61, 59])]).Points);

        Assert.Equal(ComparisonVerdict.Faster, point.Verdict);
        Assert.False(point.IsRegression);
    }

    [Fact]
    public void A_run_compared_with_itself_is_the_same_everywhere()
    {
        var records = new[] { Record("pp512", [200, 210, 190]), Record("tg128", [50, 52, 48]), Record("tg128", [40, 41, 39], node: "worker-2") };

        var report = Compare(records, records);

        Assert.Equal(3, report.Points.Count);
        Assert.All(report.Points, p => Assert.Equal(ComparisonVerdict.Same, p.Verdict));
        Assert.All(report.Points, p => Assert.Equal(1, p.Ratio!.Value, 1e-12));
        Assert.False(report.HasRegressions);
        Assert.Empty(report.OnlyInBase);
        Assert.Empty(report.OnlyInNew);
    }

    [Fact]
    public void Points_match_on_key_and_node_and_the_rest_is_listed_per_side()
    {
        var report = Compare(
            [Record("tg128", [50, 51, 49]), Record("pp512", [200, 201, 199]), Record("tg128", [50, 51, 49], node: "worker-2")],
            [Record("tg128", [50, 51, 49]), Record("tg32", [70, 71, 69]), Record("tg128", [50, 51, 49], node: "worker-3")]);

        var matched = Assert.Single(report.Points);
        Assert.Equal(("tiny/tg128", "worker-1"), (matched.PointLabel, matched.Node));
        Assert.Equal([("tiny/pp512", "worker-1"), ("tiny/tg128", "worker-2")], report.OnlyInBase.Select(p => (p.PointLabel, p.Node)));
        Assert.Equal([("tiny/tg128", "worker-3"), ("tiny/tg32", "worker-1")], report.OnlyInNew.Select(p => (p.PointLabel, p.Node)));
    }

    [Fact]
    public void Results_stored_without_repetitions_say_significance_is_unknown_instead_of_guessing()
    {
        var report = Compare([Record("tg128", null, mean: 100)], [Record("tg128", [50, 51, 49])]);

        var point = Assert.Single(report.Points);
        Assert.Equal(ComparisonVerdict.Unknown, point.Verdict);
        Assert.Equal(RunComparer.RepetitionsNotStored, point.Note);
        Assert.False(point.IsRegression);
        Assert.Null(point.PValue);
        Assert.Equal(0.5, point.Ratio!.Value, 1e-9);
    }

    [Fact]
    public void One_repetition_a_side_cannot_be_judged()
    {
        var point = Assert.Single(Compare([Record("tg128", [100])], [Record("tg128", [50])]).Points);

        Assert.Equal(ComparisonVerdict.Unknown, point.Verdict);
        Assert.Contains("fewer than 2 repetitions", point.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Five_or_more_repetitions_a_side_use_the_rank_test_which_one_stalled_repetition_does_not_swamp()
    {
        // Every NEW repetition is below every BASE one; the stalled one (5 t/s) widens Welch's interval to p ≈ 0.08.
        var point = Assert.Single(Compare([Record("tg128", [100, 101, 99, 100.5, 99.5])], [Record("tg128", [80, 81, 79, 80.5, 5])]).Points);

        Assert.Equal("mann-whitney-u", point.Test);
        Assert.Equal(ComparisonVerdict.Slower, point.Verdict);
        Assert.True(point.PValue < 0.01, $"p = {point.PValue}");
        Assert.True(point.IsRegression);
    }

    [Fact]
    public void Repetitions_without_spread_that_differ_are_judged_different()
    {
        var point = Assert.Single(Compare([Record("tg128", [100, 100, 100])], [Record("tg128", [90, 90, 90])]).Points);

        Assert.Equal(ComparisonVerdict.Slower, point.Verdict);
        Assert.Equal(0, point.PValue);
    }

    [Fact]
    public void Latency_percentiles_are_compared_lower_is_better()
    {
        var report = Compare(
            [Record("chat", [10, 10.1, 9.9], ttft: new LatencySummary { Count = 30, P50 = 100, P99 = 200 })],
            [Record("chat", [10, 10.1, 9.9], ttft: new LatencySummary { Count = 30, P50 = 102, P99 = 300 })]);

        var latency = Assert.Single(report.Points).Latency;
        Assert.Equal(2, latency.Count);
        Assert.False(latency.Single(l => l.Percentile == "p50").IsWorse);
        var p99 = latency.Single(l => l.Percentile == "p99");
        Assert.True(p99.IsWorse);
        Assert.Equal(1.5, p99.Ratio!.Value, 1e-9);
        Assert.Equal("ttft_ms", p99.Metric);
    }

    [Theory]
    [InlineData(1.5, 0.05)]
    [InlineData(-0.1, 0.05)]
    [InlineData(double.NaN, 0.05)]
    [InlineData(0.05, 0)]
    [InlineData(0.05, 0.7)]
    public void Thresholds_and_significance_levels_outside_their_range_are_refused(double threshold, double alpha)
    {
        var options = new ComparisonOptions { Threshold = threshold, Alpha = alpha };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Compare([], [], options));

        Assert.Contains("must", error.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("compare options", $"threshold {threshold}, alpha {alpha}", 1,
            "ArgumentOutOfRangeException naming the allowed range; nothing compared", nameof(Thresholds_and_significance_levels_outside_their_range_are_refused)));
    }
}
