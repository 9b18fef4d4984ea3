using BenchCluster.EngineChild;

namespace BenchCluster.Cli.Commands;

/// <summary>Wraps the engine child's handler to apply <see cref="EngineFault"/> before each job.</summary>
internal sealed class FaultInjectingHandler(IEngineRequestHandler inner) : IEngineRequestHandler
{
    public Task<string> LoadAsync(string payload, CancellationToken cancellationToken) => inner.LoadAsync(payload, cancellationToken);

    public Task<string> RunAsync(string payload, CancellationToken cancellationToken)
    {
        EngineFault.OnRun(payload);
        return inner.RunAsync(payload, cancellationToken);
    }

    /// <summary>The wrapped handler belongs to the caller.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
