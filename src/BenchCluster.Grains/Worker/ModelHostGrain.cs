using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Jobs;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.EngineProcess.Parent;
using BenchCluster.Grains.Placement;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// One model on this worker (key "node/sha256"), placed only here because this node holds the file. The model
/// lives in a supervised engine child process: a native crash fails the job with the child's reason and the next
/// job starts a fresh child; the silo never goes down with it.
/// </summary>
/// <remarks>
/// Reentrant so that the node's job gate, not the grain, decides how many jobs run at once (one, unless the worker
/// was started to measure the cluster's overhead with a no-op engine); starting the engine is serialized.
/// </remarks>
[ModelHolderPlacement]
[Reentrant]
public sealed class ModelHostGrain(WorkerContext worker, MeasurementPublisher publisher, ILogger<ModelHostGrain> logger)
    : Grain, IModelHostGrain, IDisposable
{
    private readonly SemaphoreSlim _engineStart = new(1, 1);
    private CatalogEntry? _model;
    private IModelEngine? _engine;
    private int _gpuLayersLoaded;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (ModelHostKey.TryParse(key, out _, out var sha256))
            _model = worker.Catalog.Find(sha256);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<JobOutcome>> RunJobsAsync(IReadOnlyList<JobAssignment> assignments, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<JobOutcome>(assignments.Count);
        foreach (var assignment in assignments)
            outcomes.Add(await RunJobAsync(assignment, cancellationToken));
        return outcomes;
    }

    private async Task<JobOutcome> RunJobAsync(JobAssignment assignment, CancellationToken cancellationToken)
    {
        if (_model is null)
            return JobOutcome.Failed(assignment, $"node {worker.NodeName} does not hold the model {this.GetPrimaryKeyString()}");
        var job = MeasurementJson.Deserialize<JobSpec>(assignment.JobSpecJson);

        await worker.JobGate.WaitAsync(cancellationToken);
        try
        {
            var engine = await EnsureEngineAsync(EngineSettings.LoadOptions(job).GpuLayers, cancellationToken);
            logger.LogDebug("job {JobId} attempt {Attempt}: {Point} rep {Repetition} on {Engine}",
                assignment.JobId, assignment.Attempt, job.Point.Label, job.Repetition, engine.Description);
            var quality = QualityReferenceResolver.Resolve(job, worker.Catalog, worker.QualityCacheFolder, worker.NodeName);
            var measurement = await engine.RunAsync(new EngineRunRequest(assignment.JobSpecJson, worker.NodeName, quality), worker.JobTimeout, cancellationToken);
            return await publisher.PublishAsync(assignment, measurement, cancellationToken);
        }
        catch (EngineCrashedException e)
        {
            logger.LogError("job {JobId}: the engine child died: {Reason}", assignment.JobId, e.Message);
            await StopEngineAsync();
            return e.Hung
                ? JobOutcome.TimedOut(assignment, $"engine hung on node {worker.NodeName}: {e.Message}")
                : JobOutcome.EngineCrashed(assignment, $"engine crashed on node {worker.NodeName}: {e.Message}");
        }
        catch (QualityReferenceException e)
        {
            return JobOutcome.Failed(assignment, e.Message);
        }
        catch (EngineRequestFailedException e)
        {
            return JobOutcome.Failed(assignment, $"engine error on node {worker.NodeName}: {e.Message}");
        }
        finally
        {
            worker.JobGate.Release();
        }
    }

    /// <summary>The running engine, restarted when it died or when the job wants the model loaded with other GPU layers.</summary>
    private async Task<IModelEngine> EnsureEngineAsync(int gpuLayers, CancellationToken cancellationToken)
    {
        await _engineStart.WaitAsync(cancellationToken);
        try
        {
            if (_engine is { IsAlive: true } && _gpuLayersLoaded == gpuLayers)
                return _engine;
            await StopEngineAsync();
            _engine = await worker.Engines.StartAsync(_model!, gpuLayers, cancellationToken);
            _gpuLayersLoaded = gpuLayers;
            return _engine;
        }
        finally
        {
            _engineStart.Release();
        }
    }

    private async Task StopEngineAsync()
    {
        if (_engine is null)
            return;
        await _engine.DisposeAsync();
        _engine = null;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await StopEngineAsync();

    public void Dispose() => _engineStart.Dispose();
}
