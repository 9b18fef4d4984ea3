using BenchCluster.Gguf.Forge;
using Spectre.Console;

namespace BenchCluster.Cli.Output;

/// <summary>Forges a synthetic model with a progress bar on stderr (plain lines when stderr is not a terminal).</summary>
internal static class ForgeRunner
{
    public static async Task<ForgeResult> ForgeAsync(ForgeSpec spec, string path, CancellationToken cancellationToken)
    {
        var label = $"forging {spec.Preset} {ForgeWeightTypes.Name(spec.WeightType)}";
        if (!Messages.Console.Profile.Capabilities.Interactive)
        {
            Console.Error.WriteLine($"{label} -> {path}");
            var result = await ModelForge.ForgeAsync(spec, path, progress: null, cancellationToken);
            Console.Error.WriteLine($"forged {result.Bytes / 1e6:0.0} MB in {result.Elapsed.TotalSeconds:0.0} s, sha256 {result.Sha256}");
            return result;
        }
        ForgeResult? forged = null;
        await Messages.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: 1);
                var progress = new Progress<ForgeProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.BytesWritten;
                });
                forged = await ModelForge.ForgeAsync(spec, path, progress, cancellationToken);
                task.Value = task.MaxValue;
            });
        Messages.Console.MarkupLine($"forged [bold]{Markup.Escape(Path.GetFileName(path))}[/]: {forged!.Bytes / 1e6:0.0} MB in {forged.Elapsed.TotalSeconds:0.0} s");
        return forged;
    }
}
