using System.Globalization;
using System.Text;
using BenchCluster.Engine.Benchmarking;

namespace BenchCluster.EngineBench;

/// <summary>The markdown table llama-bench prints, with a pl column and batched phase speeds.</summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<EngineBenchmarkRecord> records)
    {
        var text = new StringBuilder();
        text.AppendLine("| model | size | params | threads | test | t/s | pp t/s | tg t/s |");
        text.AppendLine("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        foreach (var r in records)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.ModelType} | {r.ModelSize / 1048576.0:F2} MiB | {r.ModelNParams / 1e6:F2} M | {r.NThreads} | {r.Test} | " +
                $"{r.AvgTs:F2} ± {r.StddevTs:F2} | {Format(r.SpeedPp)} | {Format(r.SpeedTg)} |");
        }
        return text.ToString();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "";
}
