using ScottPlot;

namespace BenchCluster.Reporting.Plots;

/// <summary>
/// Histograms of a per-request latency (TTFT, or the inter-token gaps for ITL), one translucent colour per result,
/// over shared bins so the shapes compare. The long tail past the 99.5th percentile is left out of the bins and said so.
/// </summary>
public static class DistributionPlot
{
    public const string TtftName = "ttft-distribution";
    public const string ItlName = "itl-distribution";
    public const int MaxSeries = 6;
    public const int Bins = 40;

    public static PlotImage? Ttft(IReadOnlyDictionary<string, IReadOnlyList<double>> bySeries) =>
        Draw(bySeries, TtftName, "TTFT distribution", "time to first token (ms)", "requests");

    public static PlotImage? Itl(IReadOnlyDictionary<string, IReadOnlyList<double>> bySeries) =>
        Draw(bySeries, ItlName, "ITL distribution", "inter-token latency (ms)", "token gaps");

    private static PlotImage? Draw(IReadOnlyDictionary<string, IReadOnlyList<double>> bySeries, string name, string title, string xLabel, string yLabel)
    {
        var series = bySeries
            .Select(kv => (Label: kv.Key, Values: kv.Value.Where(v => double.IsFinite(v) && v >= 0).ToArray()))
            .Where(s => s.Values.Length > 0)
            .OrderByDescending(s => s.Values.Length).ThenBy(s => s.Label, StringComparer.Ordinal)
            .Take(MaxSeries)
            .ToList();
        if (series.Count == 0)
            return null;
        var all = series.SelectMany(s => s.Values).Order().ToArray();
        var low = all[0];
        var high = all[Math.Min(all.Length - 1, (int)Math.Floor(all.Length * 0.995))];
        if (high <= low)
            high = low + Math.Max(1e-3, Math.Abs(low) * 0.01);
        var width = (high - low) / Bins;
        var left = all.Count(v => v > high);
        var fullTitle = left > 0 ? $"{title} ({left} values above {high:0.##} ms not shown)" : title;
        var plot = PlotCanvas.Create(fullTitle, xLabel, yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var counts = new int[Bins];
            foreach (var v in series[i].Values.Where(v => v <= high))
                counts[Math.Min(Bins - 1, (int)((v - low) / width))]++;
            var color = PlotCanvas.ColorAt(i).WithAlpha(series.Count > 1 ? 0.55 : 0.9);
            var bars = Enumerable.Range(0, Bins).Select(b => new Bar
            {
                Position = low + (b + 0.5) * width, Value = counts[b], Size = width, FillColor = color, LineWidth = 0,
            }).ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = $"{PlotCanvas.Short(series[i].Label, 52)} (n={series[i].Values.Length})";
        }
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 10;
        return PlotCanvas.Render(name, fullTitle, plot);
    }
}
