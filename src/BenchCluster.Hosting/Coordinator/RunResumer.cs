using BenchCluster.Contracts.Grains;
using BenchCluster.Storage;
using BenchCluster.Storage.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Hosting.Coordinator;

/// <summary>
/// Keeps unfinished runs going: at start-up (a previous coordinator died) and then periodically (a run grain was
/// deactivated), every run Postgres lists as running is told to resume; a grain that is dispatching ignores it, a
/// fresh activation continues from Postgres without redoing finished jobs.
/// </summary>
public sealed class RunResumer(IGrainFactory grains, BenchClusterDatabase database, IHostApplicationLifetime lifetime, ILogger<RunResumer> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private const int RunsToScan = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                var runs = await database.Queries.ListRunsAsync(limit: RunsToScan, cancellationToken: stoppingToken);
                foreach (var run in runs.Where(r => r.Status is RunState.Running or RunState.Pending))
                    await grains.GetGrain<ISuiteGrain>(run.RunId).ResumeAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("could not resume unfinished runs: {Message}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
