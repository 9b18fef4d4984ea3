using BenchCluster.Reporting.Records;
using ScottPlot;

namespace BenchCluster.Reporting.Plots;

/// <summary>
/// Tokens/s of every result as horizontal bars (model × quantization × settings × node), with ± one standard
/// deviation over repetitions as error bars; one plot per scenario, since tokens/s of different work (pp against tg,
/// a request mix) differ by orders of magnitude and do not compare.
/// </summary>
public static class ThroughputPlot
{
    public const string Name = "throughput";

    /// <summary>More bars than this do not fit 450 pixels readably; the tables list every result.</summary>
    public const int MaxBars = 24;

    /// <summary>One plot per scenario (first <see cref="PlotCanvas.MaxScenarios"/>) whose results have a throughput; empty when none has.</summary>
    public static IReadOnlyList<PlotImage> Draw(IReadOnlyList<ResultRecord> records)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        return records.Where(r => r.TokensPerSecond is { } t && double.IsFinite(t))
            .GroupBy(r => r.Scenario, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Take(PlotCanvas.MaxScenarios)
            .Select(g => DrawScenario(PlotCanvas.ScenarioName(Name, g.Key, used), g.Key, g.ToList()))
            .ToList();
    }

    private static PlotImage DrawScenario(string name, string scenario, List<ResultRecord> results)
    {
        var measured = results.OrderBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Quantization, StringComparer.Ordinal)
            .ThenBy(r => r.PointLabel, StringComparer.Ordinal).ThenBy(r => r.Node, StringComparer.Ordinal).ToList();
        var shown = measured.Take(MaxBars).ToList();
        var title = $"Throughput of {PlotCanvas.Short(scenario)}" + (shown.Count < measured.Count ? $" (first {shown.Count} of {measured.Count} results)" : "");
        var headline = shown[0].HeadlineMetric == "output_token_throughput" ? "output tokens/s" : "tokens/s";
        var plot = PlotCanvas.Create(title, $"{headline} (mean ± sd over repetitions)", "");
        var models = shown.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        var bars = new List<Bar>();
        for (var i = 0; i < shown.Count; i++)
        {
            var record = shown[i];
            var sd = record.TokensPerSecondStdDev is { } s && double.IsFinite(s) ? s : 0;
            bars.Add(new Bar
            {
                // Top to bottom in reading order.
                Position = shown.Count - 1 - i,
                Value = record.TokensPerSecond!.Value,
                Error = sd,
                FillColor = PlotCanvas.ColorAt(models.IndexOf(record.Model)),
                Orientation = Orientation.Horizontal,
            });
        }
        plot.Add.Bars(bars);
        var positions = bars.Select(b => b.Position).ToArray();
        var labels = shown.Select(r => PlotCanvas.Short(PointLabels.InScenario(r), 48)).ToArray();
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.Left.TickLabelStyle.FontSize = shown.Count > 12 ? 9 : 11;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        // From zero: a bar's length is its throughput, and a whisker wider than the mean is cut at zero, not drawn below it.
        plot.Axes.SetLimitsX(0, bars.Max(b => b.Value + b.Error) * 1.08 + 1e-9);
        plot.Axes.SetLimitsY(-0.6, bars.Count - 0.4);
        return PlotCanvas.Render(name, title, plot);
    }
}
