using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Jobs;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.EngineProcess.Parent;
using BenchCluster.Grains.Placement;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// One model on this worker (key "node/sha256"), placed only here because this node holds the file. The model
/// lives in a supervised engine child process: a native crash fails the job with the child's reason and the next
/// job starts a fresh child; the silo never goes down with it.
/// </summary>
[ModelHolderPlacement]
public sealed class ModelHostGrain(WorkerContext worker, MeasurementPublisher publisher, ILogger<ModelHostGrain> logger)
    : Grain, IModelHostGrain
{
    private CatalogEntry? _model;
    private InferenceEngineProcess? _engine;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (ModelHostKey.TryParse(key, out _, out var sha256))
            _model = worker.Catalog.Find(sha256);
        return Task.CompletedTask;
    }

    public async Task<JobOutcome> RunJobAsync(JobAssignment assignment, CancellationToken cancellationToken = default)
    {
        if (_model is null)
            return JobOutcome.Failed(assignment, $"node {worker.NodeName} does not hold the model {this.GetPrimaryKeyString()}");
        var job = MeasurementJson.Deserialize<JobSpec>(assignment.JobSpecJson);

        await worker.JobGate.WaitAsync(cancellationToken);
        try
        {
            var engine = await EnsureEngineAsync(EngineSettings.LoadOptions(job).GpuLayers, cancellationToken);
            logger.LogInformation("job {JobId} attempt {Attempt}: {Point} rep {Repetition} on engine pid {Pid}",
                assignment.JobId, assignment.Attempt, job.Point.Label, job.Repetition, engine.ProcessId);
            var measurement = await engine.RunAsync(new EngineRunRequest(assignment.JobSpecJson, worker.NodeName), worker.JobTimeout, cancellationToken);
            return await publisher.PublishAsync(assignment, measurement, cancellationToken);
        }
        catch (EngineCrashedException e)
        {
            logger.LogError("job {JobId}: the engine child died: {Reason}", assignment.JobId, e.Message);
            await StopEngineAsync();
            return JobOutcome.Failed(assignment, $"engine crashed on node {worker.NodeName}: {e.Message}");
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

    private async Task<InferenceEngineProcess> EnsureEngineAsync(int gpuLayers, CancellationToken cancellationToken)
    {
        if (_engine is { IsAlive: true } && _engine.Loaded.Model.Path == _model!.Path && GpuLayersLoaded == gpuLayers)
            return _engine;
        await StopEngineAsync();
        _engine = await InferenceEngineProcess.StartAsync(
            worker.EngineLaunch, new EngineLoadRequest(_model!.Path, gpuLayers), logger, cancellationToken);
        GpuLayersLoaded = gpuLayers;
        return _engine;
    }

    private int GpuLayersLoaded { get; set; }

    private async Task StopEngineAsync()
    {
        if (_engine is null)
            return;
        await _engine.DisposeAsync();
        _engine = null;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await StopEngineAsync();
}
