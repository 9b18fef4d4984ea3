using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Samples;
using Microsoft.Extensions.Logging;

namespace BenchCluster.EngineProcess.Parent;

/// <summary>A model loaded in its own engine child process, seen from the silo: load once, run jobs, survive its crashes.</summary>
public sealed class InferenceEngineProcess : IAsyncDisposable
{
    /// <summary>Loading maps and checks the file; a 7B model on a slow disk takes a while.</summary>
    public static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(10);

    private readonly EngineProcessSupervisor _supervisor;

    private InferenceEngineProcess(EngineProcessSupervisor supervisor, EngineLoadReply loaded)
    {
        _supervisor = supervisor;
        Loaded = loaded;
    }

    public EngineLoadReply Loaded { get; }

    public bool IsAlive => _supervisor.IsAlive;

    public int ProcessId => _supervisor.ProcessId;

    /// <summary>Starts a child and loads the model in it; a load failure ends the child and throws.</summary>
    public static async Task<InferenceEngineProcess> StartAsync(
        EngineLaunchOptions launch, EngineLoadRequest load, ILogger logger, CancellationToken cancellationToken)
    {
        var supervisor = await EngineProcessSupervisor.StartAsync(launch, logger, cancellationToken);
        try
        {
            var reply = await supervisor.LoadAsync(MeasurementJson.Serialize(load), LoadTimeout, cancellationToken);
            return new InferenceEngineProcess(supervisor, MeasurementJson.Deserialize<EngineLoadReply>(reply));
        }
        catch
        {
            await supervisor.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one job; the child's death or a hang past <paramref name="timeout"/> throws <see cref="EngineCrashedException"/>.</summary>
    public async Task<JobMeasurement> RunAsync(EngineRunRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await _supervisor.RunAsync(MeasurementJson.Serialize(request), timeout, cancellationToken);
        return MeasurementJson.Deserialize<JobMeasurement>(reply);
    }

    public ValueTask DisposeAsync() => _supervisor.DisposeAsync();
}
