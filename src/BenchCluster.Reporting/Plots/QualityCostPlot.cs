using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Selecting;
using ScottPlot;

namespace BenchCluster.Reporting.Plots;

/// <summary>
/// Mean KL-divergence against the reference over $ per 1M tokens, one plot per speed scenario (over tokens/s where no
/// result has a price): the trade-off a quantization family makes. Each dot is a speed result with its model file's
/// quality on its node beside it, with ± one standard error; the ones no other beats on both axes are joined and
/// labelled. Results without quality measured are not drawn (the tables say so).
/// </summary>
public static class QualityCostPlot
{
    public const string CostName = "quality-cost";
    public const string ThroughputName = "quality-throughput";

    public static IReadOnlyList<PlotImage> Draw(IReadOnlyList<ResultRecord> records)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        return records
            .Where(r => r.ScenarioKind != QualityJoin.QualityKind && r.Quality?.KlDivergenceMean is { } k && double.IsFinite(k))
            .GroupBy(r => r.Scenario, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Axis: XAxis(g.ToList()), Rows: g.ToList()))
            .Where(g => g.Axis is not null)
            .Take(PlotCanvas.MaxScenarios)
            .Select(g => DrawScenario(PlotCanvas.ScenarioName(g.Axis!.Value.Name, g.Key, used), g.Key, g.Axis!.Value, g.Rows.Where(r => g.Axis!.Value.Value(r) is not null).ToList()))
            .ToList();
    }

    private readonly record struct Axis(string Name, string Label, Func<ResultRecord, double?> Value, bool HigherIsBetter);

    /// <summary>$/1M tokens when some result has a price; else tokens/s; null when neither has two finite values.</summary>
    private static Axis? XAxis(List<ResultRecord> rows)
    {
        var cost = new Axis(CostName, "cost ($ per 1M tokens)", r => Finite(CostThroughputPlot.UsdPerMTok(r)), false);
        if (rows.Any(r => cost.Value(r) is not null))
            return cost;
        var speed = new Axis(ThroughputName, "throughput (tokens/s)", r => Finite(r.TokensPerSecond), true);
        return rows.Any(r => speed.Value(r) is not null) ? speed : null;
    }

    private static PlotImage DrawScenario(string name, string scenario, Axis axis, List<ResultRecord> rows)
    {
        var synthetic = rows.Any(r => r.Quality!.IsSynthetic) ? " (random weights: numerical fidelity)" : "";
        var title = $"KL-divergence against {(axis.Name == CostName ? "cost" : "throughput")}: {PlotCanvas.Short(scenario)}{synthetic}";
        var plot = PlotCanvas.Create(title, axis.Label, "mean KL-divergence vs reference (nats)");
        var frontier = ParetoFrontier.Of(rows,
            [new ParetoObjective<ResultRecord>("x", axis.Value, axis.HigherIsBetter), new("kld", r => r.Quality!.KlDivergenceMean, HigherIsBetter: false)])
            .OrderBy(r => axis.Value(r)).ToList();
        var xs = rows.Select(r => axis.Value(r)!.Value).ToArray();
        var ys = rows.Select(r => r.Quality!.KlDivergenceMean!.Value).ToArray();
        var errors = plot.Add.ErrorBar(xs, ys, rows.Select(r => r.Quality!.KlDivergenceMeanError ?? 0).ToArray());
        errors.Color = PlotCanvas.ColorAt(1);
        var dots = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8, PlotCanvas.ColorAt(1));
        dots.LegendText = "result (± one standard error)";
        var line = plot.Add.Scatter(frontier.Select(r => axis.Value(r)!.Value).ToArray(), frontier.Select(r => r.Quality!.KlDivergenceMean!.Value).ToArray(), PlotCanvas.ColorAt(0));
        line.MarkerShape = MarkerShape.OpenCircle;
        line.MarkerSize = 14;
        line.LineWidth = 1.5f;
        line.LegendText = CostThroughputPlot.FrontierLegend + (axis.Name == CostName ? " (cost, KLD)" : " (throughput, KLD)");
        var right = xs.Max();
        foreach (var record in frontier)
        {
            var x = axis.Value(record)!.Value;
            var text = plot.Add.Text(PlotCanvas.Short(PointLabels.Of(record), 48), x, record.Quality!.KlDivergenceMean!.Value);
            text.LabelFontSize = 10;
            var leftward = x > 0.6 * right;
            text.LabelAlignment = leftward ? Alignment.LowerRight : Alignment.LowerLeft;
            text.LabelOffsetX = leftward ? -8 : 8;
            text.LabelOffsetY = -6;
        }
        var top = rows.Max(r => r.Quality!.KlDivergenceMean!.Value + (r.Quality.KlDivergenceMeanError ?? 0));
        plot.Axes.SetLimits(0, right * 1.15, 0, top > 0 ? top * 1.2 : 1);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 10;
        return PlotCanvas.Render(name, title, plot);
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;
}
