using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Grains.Worker;

/// <summary>A model ready to run jobs on a worker: normally an engine child process (<see cref="ChildProcessEngines"/>).</summary>
public interface IModelEngine : IAsyncDisposable
{
    bool IsAlive { get; }

    string Description { get; }

    /// <summary>Runs a job; a crash or a hang past <paramref name="timeout"/> throws EngineCrashedException.</summary>
    Task<JobMeasurement> RunAsync(EngineRunRequest request, TimeSpan timeout, CancellationToken cancellationToken);
}
