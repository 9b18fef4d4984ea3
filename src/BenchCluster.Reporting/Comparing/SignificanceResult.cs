namespace BenchCluster.Reporting.Comparing;

/// <summary>A two-sided test of whether two sets of repetitions have different locations.</summary>
internal sealed record SignificanceResult(string Test, double PValue);
