using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Selecting;
using ScottPlot;

namespace BenchCluster.Reporting.Plots;

/// <summary>
/// $ per 1M tokens against tokens/s, one colour per scenario, with each scenario's Pareto frontier ringed and joined:
/// the configurations no other one beats on throughput, cost and (where measured) p99 TTFT together. Frontiers are per
/// scenario because tokens/s of different work (pp against tg) do not compare.
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

    /// <summary>The plot, or null when no result has both a price and a throughput.</summary>
    public static PlotImage? Draw(IReadOnlyList<ResultRecord> records)
    {
        var priced = Priced(records);
        if (priced.Count == 0)
            return null;
        const string title = "Cost against throughput (Pareto frontier ringed)";
        var plot = PlotCanvas.Create(title, "throughput (tokens/s)", "cost ($ per 1M tokens)");
        var scenarios = priced.GroupBy(r => r.Scenario, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var frontierShown = false;
        var fastest = priced.Max(r => r.TokensPerSecond!.Value);
        for (var i = 0; i < scenarios.Count; i++)
        {
            var group = scenarios[i].ToList();
            var color = PlotCanvas.ColorAt(i);
            var dots = plot.Add.Markers(group.Select(r => r.TokensPerSecond!.Value).ToArray(), group.Select(r => UsdPerMTok(r)!.Value).ToArray(),
                MarkerShape.FilledCircle, 8, color);
            dots.LegendText = PlotCanvas.Short(scenarios[i].Key);
            var frontier = Frontier(group).OrderBy(r => r.TokensPerSecond).ToList();
            var line = plot.Add.Scatter(frontier.Select(r => r.TokensPerSecond!.Value).ToArray(), frontier.Select(r => UsdPerMTok(r)!.Value).ToArray(), color);
            line.MarkerShape = MarkerShape.OpenCircle;
            line.MarkerSize = 18;
            line.MarkerLineWidth = 2;
            line.LineWidth = 1;
            if (!frontierShown)
                line.LegendText = FrontierLegend;
            frontierShown = true;
            foreach (var record in frontier)
            {
                var text = plot.Add.Text(PlotCanvas.Short($"{record.Model}{(record.Quantization is { } q ? " " + q : "")}", 24),
                    record.TokensPerSecond!.Value, UsdPerMTok(record)!.Value);
                text.LabelFontSize = 10;
                // Labels of the right-most points go to their left, so the plot edge does not cut them.
                var leftward = record.TokensPerSecond!.Value > 0.7 * fastest;
                text.LabelAlignment = leftward ? Alignment.UpperRight : Alignment.UpperLeft;
                text.LabelOffsetX = leftward ? -10 : 10;
                text.LabelOffsetY = -16;
            }
        }
        plot.Axes.Margins(0.2, 0.15);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 10;
        return PlotCanvas.Render(Name, title, plot);
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
