using BenchCluster.Measurement.Statistics;

namespace BenchCluster.Measurement.Tests.Statistics;

/// <summary>Pooled metrics: the CI of the mean from the repetitions' means, not from correlated requests (issue 11, item 5).</summary>
public sealed class RepetitionConfidenceIntervalTests
{
    // t(0.975, 2) = 4.302653.
    private const double T2 = 4.302652729911275;

    /// <summary>Three repetitions of 50 values each, tightly around 100, 110 and 120: the repetitions disagree.</summary>
    private static IReadOnlyList<IReadOnlyList<double>> Repetitions { get; } =
        [.. new[] { 100.0, 110, 120 }.Select(center => (IReadOnlyList<double>)[.. Enumerable.Range(0, 50).Select(i => center + ((i % 5) - 2) * 0.1)])];

    [Fact]
    public void The_interval_comes_from_the_repetition_means()
    {
        var stats = StatisticsCalculator.ComputeOverRepetitions(Repetitions);

        // Means 100, 110, 120: s = 10, half-width t(0.975, 2) · 10 / √3 = 24.84.
        var half = T2 * 10 / Math.Sqrt(3);
        Assert.Equal(110 - half, stats.CiLower!.Value, 1e-6);
        Assert.Equal(110 + half, stats.CiUpper!.Value, 1e-6);
    }

    [Fact]
    public void Treating_the_pooled_values_as_independent_would_overstate_the_precision()
    {
        var pooled = StatisticsCalculator.Compute([.. Repetitions.SelectMany(r => r)]);
        var overRepetitions = StatisticsCalculator.ComputeOverRepetitions(Repetitions);

        // 150 pooled values give a half-width under 1.4, eighteen times narrower than the repetitions support.
        Assert.InRange(pooled.CiUpper!.Value - pooled.Mean!.Value, 0, 1.4);
        Assert.InRange(overRepetitions.CiUpper!.Value - overRepetitions.Mean!.Value, 24, 26);
    }

    [Fact]
    public void Percentiles_and_counts_stay_pooled()
    {
        var stats = StatisticsCalculator.ComputeOverRepetitions(Repetitions);
        var pooled = StatisticsCalculator.Compute([.. Repetitions.SelectMany(r => r)]);

        Assert.Equal(150, stats.N);
        Assert.Equal(pooled.P99, stats.P99);
        Assert.Equal(pooled.StdDev, stats.StdDev);
        Assert.Equal(110, stats.Mean!.Value, 1e-9);
    }

    [Fact]
    public void One_repetition_has_no_interval_however_many_values_it_pooled()
    {
        var stats = StatisticsCalculator.ComputeOverRepetitions([Repetitions[0], []]);

        Assert.Equal(50, stats.N);
        Assert.NotNull(stats.StdDev);
        Assert.Null(stats.CiLower);
        Assert.Null(stats.CiUpper);
    }

    [Fact]
    public void One_value_per_repetition_matches_the_plain_student_t_interval()
    {
        var grouped = StatisticsCalculator.ComputeOverRepetitions([[10], [12], [14]]);
        var plain = StatisticsCalculator.Compute([10, 12, 14]);

        Assert.Equal(plain.CiLower!.Value, grouped.CiLower!.Value, 1e-12);
        Assert.Equal(plain.CiUpper!.Value, grouped.CiUpper!.Value, 1e-12);
    }
}
