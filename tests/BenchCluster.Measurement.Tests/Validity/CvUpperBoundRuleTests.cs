using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;
using MathNet.Numerics.Distributions;

namespace BenchCluster.Measurement.Tests.Validity;

/// <summary>The CV rule judged on the CV's upper confidence bound (issue 11, item 5), checked by seeded Monte Carlo.</summary>
public sealed class CvUpperBoundRuleTests
{
    private const int Trials = 4000;
    private static readonly ValidityThresholds Thresholds = new() { MaxCv = 0.10, MinSamples = 1, Confidence = 0.95 };

    [Fact]
    public void The_standard_deviation_factor_matches_the_chi_square_quantile()
    {
        // χ²₀.₀₅(2) = 0.102587, χ²₀.₀₅(4) = 0.710723 (tables).
        Assert.Equal(Math.Sqrt(2 / 0.102587), CvBound.StdDevFactor(3, 0.95), 3);
        Assert.Equal(Math.Sqrt(4 / 0.710723), CvBound.StdDevFactor(5, 0.95), 3);
    }

    [Fact]
    public void A_true_cv_of_15_percent_over_3_repetitions_is_valid_at_most_5_percent_of_the_time()
    {
        var valid = ValidShare(repetitions: 3, trueCv: 0.15, seed: 11);
        Assert.InRange(valid, 0, 0.05);
    }

    [Fact]
    public void The_point_estimate_rule_passes_about_a_third_of_the_same_draws()
    {
        // Why the bound is needed: judged on the point CV, the same draws pass about a third of the time.
        var random = new Random(11);
        var passed = 0;
        for (var i = 0; i < Trials; i++)
        {
            var values = Draw(random, 3, 0.15);
            var mean = values.Average();
            if (StatisticsCalculator.SampleStdDev(values, mean) / mean <= Thresholds.MaxCv)
                passed++;
        }
        Assert.InRange(passed / (double)Trials, 0.25, 0.45);
    }

    [Fact]
    public void A_stable_point_over_5_repetitions_stays_valid_nearly_always()
    {
        var valid = ValidShare(repetitions: 5, trueCv: 0.01, seed: 7);
        Assert.InRange(valid, 0.99, 1);
    }

    [Fact]
    public void The_verdict_names_the_cv_and_its_bound()
    {
        var evidence = Evidence([100, 104, 96]);
        var verdict = VerdictRules.Evaluate(evidence, Thresholds);
        Assert.False(verdict.IsValid);
        // CV 4.0 %, bound 4 % · √(2 / 0.102587) = 17.7 %: the point estimate alone would pass max_cv 10 %.
        Assert.Contains(verdict.Reasons, r => r.Contains("CV 4.0", StringComparison.Ordinal) && r.Contains("bound 17.7", StringComparison.Ordinal));
    }

    private static double ValidShare(int repetitions, double trueCv, int seed)
    {
        var random = new Random(seed);
        var valid = 0;
        for (var i = 0; i < Trials; i++)
        {
            if (VerdictRules.Evaluate(Evidence(Draw(random, repetitions, trueCv)), Thresholds).IsValid)
                valid++;
        }
        return valid / (double)Trials;
    }

    private static double[] Draw(Random random, int n, double cv)
    {
        var normal = new Normal(100, 100 * cv, random);
        return Enumerable.Range(0, n).Select(_ => normal.Sample()).ToArray();
    }

    private static StageEvidence Evidence(IReadOnlyList<double> headline) => new()
    {
        ExpectedRepetitions = headline.Count,
        MeasuredRepetitions = headline.Count,
        Succeeded = 100,
        Failed = 0,
        HeadlineMetric = "tokens_per_s",
        HeadlineValues = headline,
    };
}
