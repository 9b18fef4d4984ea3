using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Timing;

namespace BenchCluster.Measurement.Tests.Timing;

public sealed class ArrivalScheduleTests
{
    private const int Seed = 20261123;

    [Fact]
    public void Poisson_inter_arrivals_pass_a_kolmogorov_smirnov_test_against_the_exponential()
    {
        const double rate = 50;
        const int n = 5000;
        var gaps = ArrivalSchedule.Poisson(rate, n, Seed).GapsSeconds.Order().ToArray();

        // D = sup |F_n(x) − F(x)| with F(x) = 1 − e^(−rate·x).
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = 1 - Math.Exp(-rate * gaps[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }
        // Critical value at α = 0.01: 1.628 / √n.
        Assert.True(d < 1.628 / Math.Sqrt(n), $"KS statistic {d} rejects the exponential distribution");
        Assert.InRange(gaps.Average(), 0.97 / rate, 1.03 / rate);
    }

    [Fact]
    public void A_distribution_that_is_not_exponential_fails_the_same_test()
    {
        // Guard for the test above: constant gaps must be rejected.
        const double rate = 50;
        const int n = 5000;
        var gaps = ArrivalSchedule.Constant(rate, n).GapsSeconds.ToArray();
        var d = gaps.Select((g, i) => Math.Abs(((i + 1.0) / n) - (1 - Math.Exp(-rate * g)))).Max();
        Assert.True(d > 1.628 / Math.Sqrt(n));
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1)]
    [InlineData(4)]
    public void Gamma_burstiness_sets_the_coefficient_of_variation_to_one_over_its_square_root(double burstiness)
    {
        var gaps = ArrivalSchedule.Gamma(10, burstiness, 20000, Seed).GapsSeconds;
        var stats = StatisticsCalculator.Compute(gaps.ToArray());

        Assert.InRange(stats.Cv!.Value, 0.95 / Math.Sqrt(burstiness), 1.05 / Math.Sqrt(burstiness));
        // The mean's standard error is CV / √n (1.4 % at burstiness 0.25): allow 3.5 of them.
        Assert.InRange(stats.Mean!.Value, 0.095, 0.105);
    }

    [Theory]
    [InlineData(ArrivalKind.Poisson)]
    [InlineData(ArrivalKind.Gamma)]
    [InlineData(ArrivalKind.Constant)]
    public void The_schedule_is_scaled_so_its_own_rate_is_exactly_the_requested_rate(ArrivalKind kind)
    {
        var schedule = ArrivalSchedule.Create(kind, 2000, 0.5, 1000, Seed);

        Assert.Equal(1000, schedule.Count);
        Assert.Equal(500_000_000, schedule.OffsetsNs[^1]);
        Assert.True(schedule.OffsetsNs.Zip(schedule.OffsetsNs.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void Same_seed_same_schedule_other_seed_other_schedule()
    {
        var a = ArrivalSchedule.Poisson(5, 100, 1).OffsetsNs;
        var b = ArrivalSchedule.Poisson(5, 100, 1).OffsetsNs;
        var c = ArrivalSchedule.Poisson(5, 100, 2).OffsetsNs;

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Constant_arrivals_are_evenly_spaced()
    {
        var offsets = ArrivalSchedule.Constant(4, 4).OffsetsNs;

        Assert.Equal([250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L], offsets);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_that_is_not_a_positive_finite_number_is_refused(double rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ArrivalSchedule.Poisson(rate, 10, 1));
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
    }
}
