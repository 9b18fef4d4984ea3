using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using Spectre.Console;

namespace BenchCluster.Cli.Output;

/// <summary>Follows a run to its end on stderr: a live progress bar on a terminal, one line per change otherwise (CI logs).</summary>
internal static class RunWatcher
{
    public static async Task<RunProgress> WatchAsync(ISuiteGrain suite, CancellationToken cancellationToken)
    {
        RunProgress? last = null;
        if (!Messages.Console.Profile.Capabilities.Interactive)
        {
            var printed = new HashSet<string>();
            await foreach (var progress in suite.WatchAsync(cancellationToken))
            {
                foreach (var line in progress.RecentEvents.Where(printed.Add))
                    Console.Error.WriteLine(line);
                Console.Error.WriteLine($"  progress: {progress.FinishedJobs}/{progress.TotalJobs} jobs ({progress.FailedJobs} failed), {progress.Status}");
                last = progress;
            }
            return last ?? await suite.GetProgressAsync();
        }

        await Messages.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("jobs", maxValue: 1);
                var shown = new HashSet<string>();
                await foreach (var progress in suite.WatchAsync(cancellationToken))
                {
                    bar.MaxValue = Math.Max(1, progress.TotalJobs);
                    bar.Value = progress.FinishedJobs;
                    bar.Description = $"jobs {progress.FinishedJobs}/{progress.TotalJobs}" + (progress.FailedJobs > 0 ? $" [red]{progress.FailedJobs} failed[/]" : "");
                    foreach (var line in progress.RecentEvents.Where(shown.Add))
                        Messages.Progress(line);
                    last = progress;
                }
            });
        return last ?? await suite.GetProgressAsync();
    }
}
