using BenchCluster.Measurement.Metrics;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Comparing;

/// <summary>Latency p50/p99 of the headline stage on both sides, where both have them.</summary>
internal static class LatencyComparer
{
    public static IReadOnlyList<LatencyComparison> Compare(ResultRecord baseRecord, ResultRecord newRecord, double threshold)
    {
        var rows = new List<LatencyComparison>();
        void Add(string metric, LatencySummary? b, LatencySummary? n)
        {
            AddPercentile(rows, metric, "p50", b?.P50, n?.P50, threshold);
            AddPercentile(rows, metric, "p99", b?.P99, n?.P99, threshold);
        }
        Add(MetricNames.TtftMs, baseRecord.TtftMs, newRecord.TtftMs);
        Add(MetricNames.TpotMs, baseRecord.TpotMs, newRecord.TpotMs);
        Add(MetricNames.ItlMs, baseRecord.ItlMs, newRecord.ItlMs);
        Add(MetricNames.E2elMs, baseRecord.E2elMs, newRecord.E2elMs);
        return rows;
    }

    private static void AddPercentile(List<LatencyComparison> rows, string metric, string percentile, double? b, double? n, double threshold)
    {
        if (b is not { } baseValue || n is not { } newValue || !double.IsFinite(baseValue) || !double.IsFinite(newValue))
            return;
        var ratio = baseValue > 0 ? newValue / baseValue : (double?)null;
        rows.Add(new LatencyComparison
        {
            Metric = metric,
            Percentile = percentile,
            Base = baseValue,
            New = newValue,
            Ratio = ratio,
            IsWorse = ratio is { } r ? r > 1 + threshold : newValue > baseValue,
        });
    }
}
