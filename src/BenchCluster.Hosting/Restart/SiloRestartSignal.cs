using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Hosting.Restart;

/// <summary>
/// Replaces Orleans' fatal-error handler, which ends the whole process (Environment.FailFast) when the cluster has
/// declared this silo dead, as it does after a long pause (SIGSTOP, a GC or VM stall, a network cut). Here the silo's
/// host is stopped instead and the reason kept, so <see cref="SiloRunLoop"/> can start a new silo in the same process.
/// </summary>
public sealed class SiloRestartSignal(IHostApplicationLifetime lifetime, ILogger<SiloRestartSignal> logger) : IFatalErrorHandler
{
    private string? _reason;

    /// <summary>Why the silo must be replaced; null while it is healthy or when it was stopped on purpose.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<SiloRestartSignal>();
        services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler>(provider => provider.GetRequiredService<SiloRestartSignal>()));
    }

    public bool IsUnexpected(Exception exception) => exception is not OperationCanceledException;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        var reason = context ?? exception?.Message ?? $"a fatal error in {sender?.GetType().Name ?? "the silo"}";
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null)
            return;
        logger.LogError(exception, "this silo must stop: {Reason}", reason);
        lifetime.StopApplication();
    }
}
