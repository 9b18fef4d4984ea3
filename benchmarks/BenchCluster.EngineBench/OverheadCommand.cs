using System.CommandLine;
using System.Globalization;
using System.Text;
using BenchCluster.Engine.Benchmarking;

namespace BenchCluster.EngineBench;

/// <summary><c>engine-bench overhead</c>: our API against llama.cpp's own loops on the same context, repetition by repetition.</summary>
internal static class OverheadCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model", "-m") { Description = "GGUF model file", Required = true };
        var tests = new Option<string>("--tests") { Description = "comma-separated pp, tg and batched tests", DefaultValueFactory = _ => "pp512,tg128,pp128+tg128x8" };
        var threads = new Option<int>("--threads", "-t") { Description = "threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var repetitions = new Option<int>("--repetitions", "-r") { Description = "paired repetitions per test", DefaultValueFactory = _ => 30 };
        var command = new Command("overhead", "Time our API against llama-bench's and llama-batched-bench's loops in one process, pair by pair.")
        {
            model, tests, threads, repetitions,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new EngineBenchmarkOptions
            {
                ModelPath = result.GetValue(model)!.FullName,
                Tests = result.GetValue(tests)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(EngineBenchmarkTest.Parse).ToArray(),
                Threads = result.GetValue(threads),
                Repetitions = result.GetValue(repetitions),
            };
            var results = await new BindingOverheadBenchmark(options).RunAsync(
                new Progress<string>(line => Console.Error.WriteLine($"engine-bench: {line}")), cancellationToken);
            Console.WriteLine(Render(results));
            return 0;
        });
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
                $"| {r.Test} | {r.OursMean:F2} ± {r.OursStandardDeviation:F2} | {r.ReferenceMean:F2} ± {r.ReferenceStandardDeviation:F2} | {r.MedianRatio:F3} ({r.OursTokensPerSecond.Count}) |");
        }
        return text.ToString();
    }
}
