using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Selecting;
using ScottPlot;

namespace BenchCluster.Reporting.Plots;

/// <summary>
/// $ per 1M tokens against tokens/s, one plot per scenario (tokens/s of different work do not compare), with the
/// Pareto frontier drawn large, joined and labelled: the configurations no other one beats on throughput, cost and
/// (where every point has it) p99 TTFT together; the dominated points small.
/// </summary>
public static class CostThroughputPlot
{
    public const string Name = "cost-throughput";
    public const string FrontierLegend = "Pareto frontier";

    /// <summary>What a result costs per 1M tokens of its own work: the request mix, else generation, else prompt.</summary>
    public static double? UsdPerMTok(ResultRecord record) =>
        record.Cost.UsdPerMTokWorkload ?? record.Cost.UsdPerMTokOutput ?? record.Cost.UsdPerMTokInput;

    /// <summary>The results on their scenario's frontier (the ringed points).</summary>
    public static IReadOnlyList<ResultRecord> FrontierOf(IReadOnlyList<ResultRecord> records) =>
        Priced(records).GroupBy(r => r.Scenario, StringComparer.Ordinal).SelectMany(g => Frontier(g.ToList())).ToList();

    /// <summary>One plot per scenario (first <see cref="PlotCanvas.MaxScenarios"/>) with priced results; empty when none has a price.</summary>
    public static IReadOnlyList<PlotImage> Draw(IReadOnlyList<ResultRecord> records)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        return Priced(records).GroupBy(r => r.Scenario, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Take(PlotCanvas.MaxScenarios)
            .Select(g => DrawScenario(PlotCanvas.ScenarioName(Name, g.Key, used), g.Key, g.ToList()))
            .ToList();
    }

    private static PlotImage DrawScenario(string name, string scenario, List<ResultRecord> group)
    {
        var title = $"Cost against throughput: {PlotCanvas.Short(scenario)}";
        var plot = PlotCanvas.Create(title, "throughput (tokens/s)", "cost ($ per 1M tokens)");
        var frontier = Frontier(group).OrderBy(r => r.TokensPerSecond).ToList();
        var others = group.Except(frontier).ToList();
        var dots = plot.Add.Markers(others.Select(r => r.TokensPerSecond!.Value).ToArray(), others.Select(r => UsdPerMTok(r)!.Value).ToArray(),
            MarkerShape.FilledCircle, 8, PlotCanvas.ColorAt(1));
        dots.LegendText = "dominated";
        var line = plot.Add.Scatter(frontier.Select(r => r.TokensPerSecond!.Value).ToArray(), frontier.Select(r => UsdPerMTok(r)!.Value).ToArray(), PlotCanvas.ColorAt(0));
        line.MarkerShape = MarkerShape.FilledCircle;
        line.MarkerSize = 12;
        line.LineWidth = 1.5f;
        line.LegendText = FrontierLegend + (group.All(r => r.TtftMs?.P99 is not null) ? " (throughput, cost, p99 TTFT)" : " (throughput, cost)");
        var fastest = group.Max(r => r.TokensPerSecond!.Value);
        foreach (var record in frontier)
        {
            var text = plot.Add.Text(PlotCanvas.Short(PointLabels.InScenario(record), 48), record.TokensPerSecond!.Value, UsdPerMTok(record)!.Value);
            text.LabelFontSize = 10;
            // Labels of the right-most points go to their left, so the plot edge does not cut them.
            var leftward = record.TokensPerSecond!.Value > 0.6 * fastest;
            text.LabelAlignment = leftward ? Alignment.LowerRight : Alignment.LowerLeft;
            text.LabelOffsetX = leftward ? -8 : 8;
            text.LabelOffsetY = -6;
        }
        // From zero on both axes, so a point twice as far is twice as fast or twice as dear.
        plot.Axes.SetLimits(0, fastest * 1.1, 0, group.Max(r => UsdPerMTok(r)!.Value) * 1.2);
        // Below the axes: inside, it would hide the labelled points it explains.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 10;
        return PlotCanvas.Render(name, title, plot);
    }

    private static List<ResultRecord> Priced(IReadOnlyList<ResultRecord> records) =>
        records.Where(r => r.TokensPerSecond is { } t && double.IsFinite(t) && t > 0 && UsdPerMTok(r) is { } c && double.IsFinite(c)).ToList();

    private static IReadOnlyList<ResultRecord> Frontier(List<ResultRecord> group)
    {
        var objectives = new List<ParetoObjective<ResultRecord>>
        {
            new("tokens/s", r => r.TokensPerSecond, HigherIsBetter: true),
            new("$/1M tokens", UsdPerMTok, HigherIsBetter: false),
        };
        // Latency joins only when every point of the scenario has it: the frontier leaves out points missing a value.
        if (group.All(r => r.TtftMs?.P99 is not null))
            objectives.Add(new("TTFT p99", r => r.TtftMs?.P99, HigherIsBetter: false));
        return ParetoFrontier.Of(group, objectives);
    }
}
