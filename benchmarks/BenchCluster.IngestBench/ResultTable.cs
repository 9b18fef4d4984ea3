using System.Globalization;
using System.Text;

namespace BenchCluster.IngestBench;

/// <summary>The results as a Markdown table, ready for docs/performance.md.</summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<PathMeasurement> measurements, IReadOnlyDictionary<string, double> storedBytesPerRow)
    {
        var text = new StringBuilder();
        text.AppendLine("| rows | stored B/row | COPY rows/s median (min–max) | INSERT rows/s median (min–max) | COPY / INSERT median (min–max) |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var shape in measurements.Select(m => m.Shape).Distinct())
        {
            var copy = measurements.Where(m => m.Shape == shape && m.Path == PathMeasurement.Copy).ToList();
            var insert = measurements.Where(m => m.Shape == shape && m.Path == PathMeasurement.Insert).ToList();
            var ratios = copy.Join(insert, c => c.Round, i => i.Round, (c, i) => c.RowsPerSecond / i.RowsPerSecond).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {shape} | {storedBytesPerRow.GetValueOrDefault(shape):0} | {Spread(copy.Select(m => m.RowsPerSecond), "N0")} | "
                + $"{Spread(insert.Select(m => m.RowsPerSecond), "N0")} | {Spread(ratios, "0.0")}× |");
        }
        return text.ToString();
    }

    private static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median.ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})");
    }
}
