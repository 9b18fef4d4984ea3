using ScottPlot;

namespace BenchCluster.Reporting.Plots;

/// <summary>
/// TTFT and TPOT percentiles against the offered request rate: p50 as a thick line with filled circles, p99 as a thin
/// line with open squares, one colour per model × quantization × settings × node. Where the p99 line bends up is where
/// the server stops keeping up. (No dashes: Skia's SVG output cannot draw them and says so on stderr.)
/// </summary>
public static class LatencyRatePlot
{
    public const string TtftName = "latency-ttft";
    public const string TpotName = "latency-tpot";

    /// <summary>Lines beyond this are unreadable in one plot; the tables list every result.</summary>
    public const int MaxSeries = 8;

    /// <summary>The TTFT plot and the TPOT plot; each only when some point has that latency.</summary>
    public static IReadOnlyList<PlotImage> Draw(IReadOnlyList<RateLatencyPoint> points)
    {
        var images = new List<PlotImage>();
        if (Draw(points, TtftName, "Time to first token against request rate", "TTFT (ms)", p => p.TtftP50Ms, p => p.TtftP99Ms) is { } ttft)
            images.Add(ttft);
        if (Draw(points, TpotName, "Time per output token against request rate", "TPOT (ms)", p => p.TpotP50Ms, p => p.TpotP99Ms) is { } tpot)
            images.Add(tpot);
        return images;
    }

    private static PlotImage? Draw(IReadOnlyList<RateLatencyPoint> points, string name, string title, string yLabel,
        Func<RateLatencyPoint, double?> p50, Func<RateLatencyPoint, double?> p99)
    {
        var usable = points.Where(p => double.IsFinite(p.RequestsPerSecond) && (Finite(p50(p)) || Finite(p99(p)))).ToList();
        if (usable.Count == 0)
            return null;
        var series = usable.GroupBy(p => p.Series, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Take(MaxSeries).ToList();
        var plot = PlotCanvas.Create(title, "request rate (requests/s, offered)", yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var ordered = series[i].OrderBy(p => p.RequestsPerSecond).ToList();
            var color = PlotCanvas.ColorAt(i);
            AddLine(plot, ordered, p50, color, 2.5f, MarkerShape.FilledCircle, $"{PlotCanvas.Short(series[i].Key, 44)} p50");
            AddLine(plot, ordered, p99, color, 1f, MarkerShape.OpenSquare, $"{PlotCanvas.Short(series[i].Key, 44)} p99");
        }
        // From zero, so a latency that doubles looks doubled; headroom above for the legend.
        var top = usable.SelectMany(p => new[] { p50(p), p99(p) }).Where(Finite).Max(v => v!.Value);
        plot.Axes.SetLimitsY(0, top * 1.35 + 1e-9);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 10;
        return PlotCanvas.Render(name, title, plot);
    }

    private static void AddLine(Plot plot, List<RateLatencyPoint> points, Func<RateLatencyPoint, double?> value, Color color, float width, MarkerShape marker, string legend)
    {
        var present = points.Where(p => Finite(value(p))).ToList();
        if (present.Count == 0)
            return;
        var line = plot.Add.Scatter(present.Select(p => p.RequestsPerSecond).ToArray(), present.Select(p => value(p)!.Value).ToArray(), color);
        line.LineWidth = width;
        line.MarkerShape = marker;
        line.MarkerSize = 8;
        line.LegendText = legend;
    }

    private static bool Finite(double? value) => value is { } v && double.IsFinite(v);
}
