using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite;
using Microsoft.Extensions.Logging;

namespace BenchCluster.EngineChild;

/// <summary>
/// The engine child's work: holds one loaded model and runs jobs on it with the measurement layer's
/// <see cref="ScenarioRunner"/>, so every timestamp is taken here, next to the engine.
/// </summary>
public sealed class InferenceJobHandler(ILoggerFactory loggerFactory) : IEngineRequestHandler
{
    private LlamaBackend? _backend;

    public async Task<string> LoadAsync(string payload, CancellationToken cancellationToken)
    {
        var request = MeasurementJson.Deserialize<EngineLoadRequest>(payload);
        if (_backend is not null)
        {
            if (_backend.Model.Path == Path.GetFullPath(request.ModelPath))
                return MeasurementJson.Serialize(new EngineLoadReply(_backend.Model, _backend.Build));
            throw new InvalidOperationException($"this engine child already holds {_backend.Model.Path}; start another child for {request.ModelPath}");
        }
        _backend = await LlamaBackend.LoadAsync(request.ModelPath, new ModelLoadOptions { GpuLayers = request.GpuLayers }, loggerFactory, cancellationToken);
        return MeasurementJson.Serialize(new EngineLoadReply(_backend.Model, _backend.Build));
    }

    public async Task<string> RunAsync(string payload, CancellationToken cancellationToken)
    {
        var backend = _backend ?? throw new InvalidOperationException("no model is loaded in this engine child; send Load first");
        var request = MeasurementJson.Deserialize<EngineRunRequest>(payload);
        var job = MeasurementJson.Deserialize<JobSpec>(request.JobSpecJson);
        // Power is read here, in the process that does the measured work, around exactly its measured part.
        var runner = new ScenarioRunner(new RunEnvironment
        {
            NodeName = request.NodeName, EngineBuild = backend.Build, Model = backend.Model, PowerMeter = PowerMeters.ForThisMachine,
        });
        if (ScenarioKinds.IsQuality(job.Scenario.Kind))
            return MeasurementJson.Serialize(await QualityJobRunner.RunAsync(runner, job, backend, request.Quality, loggerFactory, cancellationToken));
        if (!ScenarioKinds.IsMicro(job.Scenario.Kind))
            return MeasurementJson.Serialize(await RunRequestLevelAsync(runner, job, backend, cancellationToken));
        await using var session = await backend.CreateSessionAsync(EngineSettings.SessionOptions(job), cancellationToken);
        var measurement = await runner.RunAsync(job, session, cancellationToken);
        return MeasurementJson.Serialize(measurement);
    }

    /// <summary>
    /// Request-level scenarios run against a continuous-batching server in this process (one slot per sequence the
    /// job allows), so arrival-rate and concurrency results mean what they mean against llama-server.
    /// </summary>
    private static async Task<JobMeasurement> RunRequestLevelAsync(ScenarioRunner runner, JobSpec job, LlamaBackend backend, CancellationToken cancellationToken)
    {
        var options = new ContinuousBatchingOptions { Slots = EngineSettings.Sequences(job), Session = EngineSettings.SessionOptions(job) };
        await using var server = await ContinuousBatchingBackend.CreateAsync(backend, options, cancellationToken);
        return await runner.RunAsync(job, server, new InProcessPromptTokenizer(server), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
            await _backend.DisposeAsync();
    }
}
