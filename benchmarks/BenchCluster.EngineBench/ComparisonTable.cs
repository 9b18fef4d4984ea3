using System.Globalization;
using System.Text;

namespace BenchCluster.EngineBench;

/// <summary>
/// Pools every sample per (shape, metric) from each side and prints mean ± sample stddev, n, and the ratio of means
/// ours / reference with its approximate one-sigma uncertainty (relative standard errors added in quadrature). On a
/// shared machine the load drifts between rounds, so it also pairs the two sides round by round (the files of one
/// interleaved round ran minutes apart) and prints the median of the per-round ratios with their quartiles.
/// </summary>
internal static class ComparisonTable
{
    public static string Render(IReadOnlyList<MeasuredValue> ours, IReadOnlyList<MeasuredValue> reference)
    {
        var text = new StringBuilder();
        text.AppendLine("| test | metric | ours t/s (n) | llama.cpp t/s (n) | ratio of means | median per-round ratio [q1, q3] (rounds) |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        var keys = ours.Select(Key).Distinct().Where(k => reference.Any(r => Key(r) == k))
            .OrderBy(k => k.Sequences).ThenBy(k => k.Prompt).ThenBy(k => k.Generate).ThenBy(k => k.Metric, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var a = Summarize(ours.Where(v => Key(v) == key));
            var b = Summarize(reference.Where(v => Key(v) == key));
            var ratio = a.Mean / b.Mean;
            var uncertainty = ratio * Math.Sqrt(Square(a.StandardError / a.Mean) + Square(b.StandardError / b.Mean));
            var paired = PerRoundRatios(ours.Where(v => Key(v) == key), reference.Where(v => Key(v) == key));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Name(key)} | {key.Metric} | {a.Mean:F2} ± {a.StandardDeviation:F2} ({a.Count}) | {b.Mean:F2} ± {b.StandardDeviation:F2} ({b.Count}) | " +
                $"{ratio:F3} ± {uncertainty:F3} | {Quantile(paired, 0.5):F3} [{Quantile(paired, 0.25):F3}, {Quantile(paired, 0.75):F3}] ({paired.Length}) |");
        }
        return text.ToString();
    }

    private static double[] PerRoundRatios(IEnumerable<MeasuredValue> ours, IEnumerable<MeasuredValue> reference)
    {
        var referenceByRound = reference.GroupBy(v => v.Round).ToDictionary(g => g.Key, g => g.Average(v => v.Value));
        return ours.GroupBy(v => v.Round)
            .Where(g => referenceByRound.ContainsKey(g.Key))
            .Select(g => g.Average(v => v.Value) / referenceByRound[g.Key])
            .Order()
            .ToArray();
    }

    /// <summary>Linear interpolation between order statistics of sorted values.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static (int Prompt, int Generate, int Sequences, string Metric) Key(MeasuredValue v) => (v.Prompt, v.Generate, v.Sequences, v.Metric);

    private static string Name((int Prompt, int Generate, int Sequences, string Metric) key) =>
        new Engine.Benchmarking.EngineBenchmarkTest(key.Prompt, key.Generate, key.Sequences).Name;

    private static (double Mean, double StandardDeviation, double StandardError, int Count) Summarize(IEnumerable<MeasuredValue> values)
    {
        var samples = values.Select(v => v.Value).ToArray();
        var mean = samples.Average();
        var sd = samples.Length < 2 ? 0 : Math.Sqrt(samples.Sum(s => Square(s - mean)) / (samples.Length - 1));
        return (mean, sd, sd / Math.Sqrt(samples.Length), samples.Length);
    }

    private static double Square(double x) => x * x;
}
