using BenchCluster.EngineProcess.Jobs;
using BenchCluster.EngineProcess.Parent;
using BenchCluster.Measurement.Samples;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Worker;

/// <summary>The real engines: each loaded model in a supervised engine child process (llama.cpp), so a native crash ends the child, not the silo.</summary>
public sealed class ChildProcessEngines(EngineLaunchOptions launch, ILogger<ChildProcessEngines> logger) : IModelEngineFactory
{
    public async Task<IModelEngine> StartAsync(CatalogEntry model, int gpuLayers, CancellationToken cancellationToken) =>
        new Engine(await InferenceEngineProcess.StartAsync(launch, new EngineLoadRequest(model.Path, gpuLayers), logger, cancellationToken));

    private sealed class Engine(InferenceEngineProcess process) : IModelEngine
    {
        public bool IsAlive => process.IsAlive;

        public string Description => $"engine pid {process.ProcessId}";

        public Task<JobMeasurement> RunAsync(EngineRunRequest request, TimeSpan timeout, CancellationToken cancellationToken) =>
            process.RunAsync(request, timeout, cancellationToken);

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }
}
