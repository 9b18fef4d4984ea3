using System.CommandLine;
using System.Globalization;
using System.Text;
using BenchCluster.Engine.Benchmarking;
using BenchCluster.Measurement.Statistics;

namespace BenchCluster.EngineBench;

/// <summary><c>engine-bench overhead</c>: our API against llama.cpp's own loops on the same context, repetition by repetition.</summary>
internal static class OverheadCommand
{
    public static Command Create()
    {
        var shared = new BenchmarkCommandOptions("pp512,tg128,pp128+tg128x8", 30, "paired repetitions per test");
        var command = new Command("overhead", "Time our API against llama-bench's and llama-batched-bench's loops in one process, pair by pair.");
        shared.AddTo(command);
        command.SetAction((result, cancellationToken) => BenchmarkCommandOptions.RunAsync(async progress =>
        {
            var results = await new BindingOverheadBenchmark(shared.Read(result)).RunAsync(progress, cancellationToken);
            Console.WriteLine(Render(results));
        }));
        return command;
    }

    private static string Render(IReadOnlyList<BindingOverheadResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| test | our API t/s | C-API loop t/s | median paired ratio (n) |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Test} | {MeanAndSpread(r.OursTokensPerSecond)} | {MeanAndSpread(r.ReferenceTokensPerSecond)} | {r.MedianRatio:F3} ({r.OursTokensPerSecond.Count}) |");
        }
        return text.ToString();
    }

    private static string MeanAndSpread(IReadOnlyList<double> tokensPerSecond)
    {
        var statistics = StatisticsCalculator.Compute(tokensPerSecond);
        return string.Create(CultureInfo.InvariantCulture, $"{statistics.Mean ?? 0:F2} ± {statistics.StdDev ?? 0:F2}");
    }
}
