using BenchCluster.Reporting.Records;
using ScottPlot;

namespace BenchCluster.Reporting.Plots;

/// <summary>
/// Tokens/s of every result as horizontal bars (model × quantization × settings × node, one colour per scenario),
/// with ± one standard deviation over repetitions as error bars.
/// </summary>
public static class ThroughputPlot
{
    public const string Name = "throughput";

    /// <summary>More bars than this do not fit 450 pixels readably; the tables list every result.</summary>
    public const int MaxBars = 24;

    /// <summary>The plot, or null when no result has a throughput.</summary>
    public static PlotImage? Draw(IReadOnlyList<ResultRecord> records)
    {
        var measured = records.Where(r => r.TokensPerSecond is { } t && double.IsFinite(t))
            .OrderBy(r => r.Scenario, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.Quantization, StringComparer.Ordinal).ThenBy(r => r.PointLabel, StringComparer.Ordinal)
            .ThenBy(r => r.Node, StringComparer.Ordinal)
            .ToList();
        if (measured.Count == 0)
            return null;
        var shown = measured.Take(MaxBars).ToList();
        var title = shown.Count < measured.Count ? $"Throughput (first {shown.Count} of {measured.Count} results)" : "Throughput by model × quantization × node";
        var plot = PlotCanvas.Create(title, "tokens/s (mean ± sd over repetitions)", "");
        var scenarios = shown.Select(r => r.Scenario).Distinct().ToList();
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
                FillColor = PlotCanvas.ColorAt(scenarios.IndexOf(record.Scenario)),
                Orientation = Orientation.Horizontal,
            });
        }
        plot.Add.Bars(bars);
        var positions = bars.Select(b => b.Position).ToArray();
        var labels = shown.Select(r => PlotCanvas.Short(PointLabels.Of(r), 48)).ToArray();
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.Left.TickLabelStyle.FontSize = shown.Count > 12 ? 9 : 11;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.1, bottom: 0.02, top: 0.02);
        plot.Legend.ManualItems.AddRange(scenarios.Select((s, i) => new LegendItem { LabelText = PlotCanvas.Short(s), FillColor = PlotCanvas.ColorAt(i) }));
        plot.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.Render(Name, title, plot);
    }
}
