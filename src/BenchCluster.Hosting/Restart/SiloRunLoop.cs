using System.Diagnostics;
using BenchCluster.Hosting.Silos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Hosting.Restart;

/// <summary>
/// Runs a silo until it is stopped on purpose (Ctrl+C, SIGTERM). When the cluster declares it dead instead, the old
/// silo's host is disposed (its grains, engine children and ports released) and a new silo, with a new generation, is
/// built and started in the same process after a <see cref="RestartBackoff"/> delay. A node thus rejoins by itself
/// after a freeze or a network cut. The first start is not retried: a wrong flag or an unreachable database at startup
/// is the operator's to fix, and is reported as before.
/// </summary>
public static class SiloRunLoop
{
    /// <param name="role">How the log names this silo, e.g. "worker gpu-1".</param>
    /// <param name="build">Builds a fresh host; it must register <see cref="SiloRestartSignal"/>.</param>
    public static async Task RunAsync(string role, Func<CancellationToken, Task<IHost>> build, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(SiloLogging.Configure);
        var logger = loggers.CreateLogger("BenchCluster.Silo");
        var backoff = new RestartBackoff();
        for (var generation = 1; ; generation++)
        {
            var ran = Stopwatch.StartNew();
            string? reason;
            try
            {
                reason = await RunOnceAsync(role, build, logger, cancellationToken);
            }
            catch (Exception e) when (generation > 1 && !cancellationToken.IsCancellationRequested)
            {
                reason = $"the new silo could not start: {e.GetType().Name}: {e.Message}";
            }
            if (reason is null || cancellationToken.IsCancellationRequested)
                return;
            var delay = backoff.Next(ran.Elapsed);
            logger.LogWarning("{Role}: {Reason}. Starting a new silo in {Delay:0.#} s (restart {Restart})",
                role, reason, delay.TotalSeconds, generation);
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>How long a silo stopped on purpose may take to hand over its grains and leave the cluster.</summary>
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(30);
    /// <summary>How long a silo the cluster declared dead gets to stop before its host is disposed anyway.</summary>
    public static readonly TimeSpan DeadStop = TimeSpan.FromSeconds(3);

    /// <summary>Runs one silo to its end; returns why it must be replaced, or null when it was stopped on purpose.</summary>
    private static async Task<string?> RunOnceAsync(string role, Func<CancellationToken, Task<IHost>> build, ILogger logger, CancellationToken cancellationToken)
    {
        var host = await build(cancellationToken);
        try
        {
            var signal = host.Services.GetRequiredService<SiloRestartSignal>();
            await host.StartAsync(cancellationToken);
            logger.LogInformation("{Role}: silo {Silo} is up", role, host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress);
            await WhenStoppingAsync(host, cancellationToken);
            // A dead silo's goodbyes (directory hand-off, membership update) are refused by the cluster and would hold
            // the restart for Orleans' 30 s; the new silo takes over, and disposing the host ends the old one's children.
            using var stopLimit = new CancellationTokenSource(signal.Reason is null ? GracefulStop : DeadStop);
            try
            {
                await host.StopAsync(stopLimit.Token);
            }
            catch (Exception e) when (signal.Reason is not null)
            {
                logger.LogDebug("{Role}: the dead silo did not stop cleanly: {Message}", role, e.Message);
            }
            return signal.Reason is { } reason ? $"the silo was stopped: {reason}" : null;
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync();
            else
                host.Dispose();
        }
    }

    /// <summary>Completes when the host begins to stop (the restart signal, or Ctrl+C through the host's console lifetime) or the command is cancelled.</summary>
    private static async Task WhenStoppingAsync(IHost host, CancellationToken cancellationToken)
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await using var onStopping = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await using var onCancel = cancellationToken.Register(() => stopping.TrySetResult());
        await stopping.Task;
    }
}
