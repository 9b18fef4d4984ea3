using MathNet.Numerics.Distributions;
using Perfolizer.Mathematics.OutlierDetection;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace BenchCluster.Measurement.Statistics;

/// <summary>Computes <see cref="MetricStatistics"/> from raw values, with Perfolizer's quantiles and outlier fences.</summary>
public static class StatisticsCalculator
{
    /// <summary>Tukey's fence multiplier.</summary>
    public const double TukeyK = 1.5;

    private static readonly IQuantileEstimator Quantiles = HyndmanFanQuantileEstimator.Type7;

    public static MetricStatistics Compute(IReadOnlyList<double> values, double confidence = 0.95)
    {
        if (values.Count == 0)
            return MetricStatistics.Empty;
        var array = values.ToArray();
        var sample = new Sample(array);
        var n = array.Length;
        var mean = array.Average();
        var result = new MetricStatistics
        {
            N = n,
            Mean = mean,
            Median = Quantile(sample, 0.5),
            Min = array.Min(),
            Max = array.Max(),
            P90 = Quantile(sample, 0.90),
            P95 = Quantile(sample, 0.95),
            P99 = Quantile(sample, 0.99),
        };
        if (n < 2)
            return result;

        var stdDev = SampleStdDev(array, mean);
        var halfWidth = HalfWidth(n, stdDev, confidence);
        var fences = TukeyOutlierDetector.Create(array, TukeyK, Quantiles);
        return result with
        {
            StdDev = stdDev,
            CiLower = mean - halfWidth,
            CiUpper = mean + halfWidth,
            Cv = mean != 0 ? stdDev / Math.Abs(mean) : null,
            LowOutliers = array.Count(fences.IsLowerOutlier),
            HighOutliers = array.Count(fences.IsUpperOutlier),
        };
    }

    /// <summary>
    /// Statistics of values pooled over repetitions (one group per repetition), with the confidence interval of the
    /// mean taken from the repetitions' means: requests or tokens of one repetition share its conditions (load, heat,
    /// other processes), so treating them as independent draws would shrink the interval by about √(values per
    /// repetition). Percentiles, spread and outliers stay pooled; with fewer than two repetitions there is no interval.
    /// </summary>
    public static MetricStatistics ComputeOverRepetitions(IReadOnlyList<IReadOnlyList<double>> repetitions, double confidence = 0.95)
    {
        var pooled = Compute(repetitions.SelectMany(r => r).ToList(), confidence);
        if (pooled.Mean is not { } mean)
            return pooled;
        var means = repetitions.Where(r => r.Count > 0).Select(r => r.Average()).ToList();
        if (means.Count < 2)
            return pooled with { CiLower = null, CiUpper = null };
        var halfWidth = HalfWidth(means.Count, SampleStdDev(means, means.Average()), confidence);
        return pooled with { CiLower = mean - halfWidth, CiUpper = mean + halfWidth };
    }

    /// <summary>The type-7 quantile of <paramref name="values"/> at probability <paramref name="p"/> (0..1).</summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
            throw new ArgumentException("A quantile needs at least one value.", nameof(values));
        return Quantile(new Sample(values.ToArray()), p);
    }

    public static double SampleStdDev(IReadOnlyList<double> values, double mean)
    {
        if (values.Count < 2)
            return 0;
        var sumSquares = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(sumSquares / (values.Count - 1));
    }

    private static double HalfWidth(int n, double stdDev, double confidence) =>
        StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2)) * stdDev / Math.Sqrt(n);

    private static double Quantile(Sample sample, double p) => Quantiles.Quantile(sample, p).NominalValue;
}
