using System.Globalization;
using System.Text;

namespace BenchCluster.EngineBench;

/// <summary>
/// Pools every sample per (shape, metric) from each side and prints mean ± sample stddev, n, and the ratio of means
/// ours / reference with its approximate one-sigma uncertainty (relative standard errors added in quadrature).
/// </summary>
internal static class ComparisonTable
{
    public static string Render(IReadOnlyList<MeasuredValue> ours, IReadOnlyList<MeasuredValue> reference)
    {
        var text = new StringBuilder();
        text.AppendLine("| test | metric | ours t/s (n) | llama.cpp t/s (n) | ours / llama.cpp |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: |");
        var keys = ours.Select(Key).Distinct().Where(k => reference.Any(r => Key(r) == k))
            .OrderBy(k => k.Sequences).ThenBy(k => k.Prompt).ThenBy(k => k.Generate).ThenBy(k => k.Metric, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var a = Summarize(ours.Where(v => Key(v) == key));
            var b = Summarize(reference.Where(v => Key(v) == key));
            var ratio = a.Mean / b.Mean;
            var uncertainty = ratio * Math.Sqrt(Square(a.StandardError / a.Mean) + Square(b.StandardError / b.Mean));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Name(key)} | {key.Metric} | {a.Mean:F2} ± {a.StandardDeviation:F2} ({a.Count}) | {b.Mean:F2} ± {b.StandardDeviation:F2} ({b.Count}) | {ratio:F3} ± {uncertainty:F3} |");
        }
        return text.ToString();
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
