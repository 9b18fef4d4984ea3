using BenchCluster.Measurement.Statistics;

namespace BenchCluster.Measurement.Tests.Statistics;

public sealed class StatisticsCalculatorTests
{
    [Fact]
    public void Summary_matches_hand_computed_values()
    {
        var stats = StatisticsCalculator.Compute([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        Assert.Equal(10, stats.N);
        Assert.Equal(5.5, stats.Mean!.Value, 1e-12);
        Assert.Equal(5.5, stats.Median!.Value, 1e-12);
        // Sample stddev: sqrt(82.5 / 9).
        Assert.Equal(Math.Sqrt(82.5 / 9), stats.StdDev!.Value, 1e-12);
        // numpy.percentile (linear, type 7): 1 + 0.9 · 9 = 9.1; 9.55; 9.91.
        Assert.Equal(9.1, stats.P90!.Value, 1e-12);
        Assert.Equal(9.55, stats.P95!.Value, 1e-12);
        Assert.Equal(9.91, stats.P99!.Value, 1e-12);
        Assert.Equal(1, stats.Min);
        Assert.Equal(10, stats.Max);
        Assert.Equal(stats.StdDev!.Value / 5.5, stats.Cv!.Value, 1e-12);
    }

    [Fact]
    public void Confidence_interval_uses_student_t()
    {
        var stats = StatisticsCalculator.Compute([10, 12, 14]);

        // mean 12, s = 2, t(0.975, 2) = 4.302653: half-width 4.302653 · 2 / √3.
        var half = 4.302652729911275 * 2 / Math.Sqrt(3);
        Assert.Equal(12 - half, stats.CiLower!.Value, 1e-6);
        Assert.Equal(12 + half, stats.CiUpper!.Value, 1e-6);
    }

    [Fact]
    public void Outliers_beyond_tukey_fences_are_counted_not_removed()
    {
        var stats = StatisticsCalculator.Compute([10, 10.5, 11, 10.2, 10.8, 10.4, 50]);

        Assert.Equal(1, stats.HighOutliers);
        Assert.Equal(0, stats.LowOutliers);
        Assert.Equal(7, stats.N);
        Assert.Equal(50, stats.Max);
    }

    [Fact]
    public void No_values_give_no_statistics_and_one_value_gives_no_spread()
    {
        Assert.Equal(0, StatisticsCalculator.Compute([]).N);
        Assert.Null(StatisticsCalculator.Compute([]).Mean);

        var one = StatisticsCalculator.Compute([42]);
        Assert.Equal(42, one.Mean);
        Assert.Equal(42, one.P99);
        Assert.Null(one.StdDev);
        Assert.Null(one.CiLower);
        Assert.Null(one.Cv);
    }

    [Theory]
    [InlineData(0.99, 0.95, 299)]
    [InlineData(0.90, 0.95, 29)]
    [InlineData(0.95, 0.99, 90)]
    public void The_fewest_samples_for_a_percentile_claim_follow_the_binomial_bound(double percentile, double confidence, int expected)
    {
        Assert.Equal(expected, PercentileEvidence.MinimumSamples(percentile, confidence));
        Assert.True(PercentileEvidence.Establishes(expected, 0, percentile, confidence));
        Assert.False(PercentileEvidence.Establishes(expected - 1, 0, percentile, confidence));
    }

    [Fact]
    public void Exceedances_raise_the_samples_a_percentile_claim_needs()
    {
        // 1 exceedance in 299 is not enough for p99 at 95 %; 473 samples with 1 exceedance are.
        Assert.False(PercentileEvidence.Establishes(299, 1, 0.99, 0.95));
        Assert.True(PercentileEvidence.Establishes(473, 1, 0.99, 0.95));
        Assert.False(PercentileEvidence.Establishes(472, 1, 0.99, 0.95));
    }
}
