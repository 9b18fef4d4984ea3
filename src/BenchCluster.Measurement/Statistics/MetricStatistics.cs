namespace BenchCluster.Measurement.Statistics;

/// <summary>
/// Summary of one metric's values. Fields are null where undefined (no values; stddev, CI and CV need two).
/// Percentiles use linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default).
/// </summary>
public sealed record MetricStatistics
{
    public required int N { get; init; }
    public double? Mean { get; init; }
    public double? Median { get; init; }
    /// <summary>Sample standard deviation (n − 1 denominator).</summary>
    public double? StdDev { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? P90 { get; init; }
    public double? P95 { get; init; }
    public double? P99 { get; init; }
    /// <summary>Confidence interval of the mean (Student t); for values pooled over repetitions, from the repetitions' means.</summary>
    public double? CiLower { get; init; }
    public double? CiUpper { get; init; }
    /// <summary>Coefficient of variation: StdDev / Mean.</summary>
    public double? Cv { get; init; }
    /// <summary>Values beyond Tukey's fences (Q1 − 1.5 IQR, Q3 + 1.5 IQR): flagged, never removed.</summary>
    public int LowOutliers { get; init; }
    public int HighOutliers { get; init; }

    public static MetricStatistics Empty { get; } = new() { N = 0 };
}
