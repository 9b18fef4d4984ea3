using BenchCluster.Engine.Quantization;
using BenchCluster.Gguf.Siblings;
using Spectre.Console;

namespace BenchCluster.Cli.Output;

/// <summary>Quantizes a sibling with per-tensor progress on stderr (plain lines when stderr is not a terminal).</summary>
internal static class QuantizeRunner
{
    public static async Task<QuantizationResult> QuantizeAsync(string source, string path, QuantizationType type, CancellationToken cancellationToken)
    {
        var label = $"quantizing {Path.GetFileName(source)} to {type.Name}";
        QuantizationResult result;
        if (!Messages.Console.Profile.Capabilities.Interactive)
        {
            Console.Error.WriteLine($"{label} -> {path}");
            var lastDecile = -1;
            // Progress<T> would post to the thread pool out of order; lines on stderr must come in order.
            var progress = new Inline<QuantizationProgress>(p =>
            {
                var decile = p.TensorsDone * 10 / Math.Max(1, p.TensorCount);
                if (decile == lastDecile)
                    return;
                lastDecile = decile;
                Console.Error.WriteLine($"  {p.TensorsDone}/{p.TensorCount} tensors");
            });
            result = await ModelQuantizer.QuantizeAsync(source, path, type, progress, cancellationToken: cancellationToken);
        }
        else
        {
            QuantizationResult? done = null;
            await Messages.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(label, maxValue: 1);
                    var progress = new Inline<QuantizationProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.TensorCount);
                        task.Value = p.TensorsDone;
                    });
                    done = await ModelQuantizer.QuantizeAsync(source, path, type, progress, cancellationToken: cancellationToken);
                    task.Value = task.MaxValue;
                });
            result = done!;
        }
        Console.Error.WriteLine($"quantized {result.Bytes / 1e6:0.0} MB in {result.Elapsed.TotalSeconds:0.0} s, sha256 {result.Sha256} (parent {result.Origin.ParentSha256})");
        return result;
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
