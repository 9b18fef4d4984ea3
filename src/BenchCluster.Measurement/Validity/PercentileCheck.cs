namespace BenchCluster.Measurement.Validity;

/// <summary>One SLO bound checked at a percentile: the observed quantile and how many samples exceeded the bound.</summary>
public sealed record PercentileCheck(string Metric, double BoundMs, double Percentile, double? ObservedMs, int Samples, int Exceedances);
