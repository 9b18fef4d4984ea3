using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Reports;

/// <summary>The plots a run's data supports, in reading order; a plot without data is left out, never drawn empty.</summary>
public static class ReportPlots
{
    public static IReadOnlyList<PlotImage> Draw(ReportInput input)
    {
        var plots = new List<PlotImage>();
        plots.AddRange(ThroughputPlot.Draw(input.Records));
        plots.AddRange(LatencyRatePlot.Draw(input.RatePoints ?? RateLatencyPoints.FromRecords(input.Records)));
        plots.AddRange(CostThroughputPlot.Draw(input.Records));
        plots.AddRange(QualityCostPlot.Draw(input.Records));
        var labels = new SeriesLabels(input.Records);
        var ttft = input.Requests
            .Where(r => r.Kind == "Request" && !r.IsWarmup && r.Error is null && r.TtftMs is not null)
            .GroupBy(r => labels.Of(r.PointKey, r.NodeName))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<double>)g.Select(r => r.TtftMs!.Value).ToList());
        if (DistributionPlot.Ttft(ttft) is { } ttftPlot)
            plots.Add(ttftPlot);
        var itl = input.InterTokenGaps
            .GroupBy(g => labels.Of(g.PointKey, g.NodeName))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<double>)g.Select(x => x.GapMs).ToList());
        if (DistributionPlot.Itl(itl) is { } itlPlot)
            plots.Add(itlPlot);
        return plots;
    }

    /// <summary>Names per-request rows like their result (point key and node), falling back to the point key alone.</summary>
    private sealed class SeriesLabels(IReadOnlyList<ResultRecord> records)
    {
        private readonly Dictionary<(string, string), string> byPointAndNode = records
            .GroupBy(r => (r.PointKey, r.Node)).ToDictionary(g => g.Key, g => PointLabels.Of(g.First()));
        private readonly Dictionary<string, string> byPoint = records
            .GroupBy(r => r.PointKey).ToDictionary(g => g.Key, g => PointLabels.Of(g.First()));

        public string Of(string pointKey, string? node) =>
            node is not null && byPointAndNode.TryGetValue((pointKey, node), out var label) ? label
            : byPoint.TryGetValue(pointKey, out var any) ? any
            : pointKey.Length > 12 ? pointKey[..12] : pointKey;
    }
}
