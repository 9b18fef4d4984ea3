using System.Collections.Concurrent;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.EngineProcess.Parent;
using BenchCluster.Measurement.Samples;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// The real engines: each loaded model in a supervised engine child process (llama.cpp), so a native crash ends the
/// child, not the silo. The factory keeps the children it started and ends those still running when the silo's host
/// is disposed: a silo declared dead is replaced in the same process, and its children must not outlive it.
/// </summary>
public sealed class ChildProcessEngines(EngineLaunchOptions launch, ILogger<ChildProcessEngines> logger) : IModelEngineFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Engine, byte> _running = new();

    public async Task<IModelEngine> StartAsync(CatalogEntry model, int gpuLayers, CancellationToken cancellationToken)
    {
        var engine = new Engine(await InferenceEngineProcess.StartAsync(launch, new EngineLoadRequest(model.Path, gpuLayers), logger, cancellationToken), this);
        _running[engine] = 0;
        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _running.Keys)
            await engine.DisposeAsync();
    }

    private sealed class Engine(InferenceEngineProcess process, ChildProcessEngines owner) : IModelEngine
    {
        private int _disposed;

        public bool IsAlive => process.IsAlive;

        public string Description => $"engine pid {process.ProcessId}";

        public Task<JobMeasurement> RunAsync(EngineRunRequest request, TimeSpan timeout, CancellationToken cancellationToken) =>
            process.RunAsync(request, timeout, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            owner._running.TryRemove(this, out _);
            await process.DisposeAsync();
        }
    }
}
