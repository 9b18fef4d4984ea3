using BenchCluster.Contracts.Grains;
using BenchCluster.Storage;
using BenchCluster.Storage.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Hosting.Coordinator;

/// <summary>When a coordinator starts, runs that were still going continue from Postgres (finished jobs are not redone).</summary>
public sealed class RunResumer(IGrainFactory grains, BenchClusterDatabase database, IHostApplicationLifetime lifetime, ILogger<RunResumer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var runs = await database.Queries.ListRunsAsync(limit: 1000, cancellationToken: stoppingToken);
        foreach (var run in runs.Where(r => r.Status is RunState.Running or RunState.Pending))
        {
            logger.LogInformation("resuming run {RunId} ({Suite})", run.RunId, run.SuiteName);
            await grains.GetGrain<ISuiteGrain>(run.RunId).ResumeAsync();
        }
    }
}
