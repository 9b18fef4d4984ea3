using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>What the dispatcher tells its host: events for the run's log and progress, and points whose jobs all finished.</summary>
public interface IDispatchObserver
{
    void Record(string message, LogLevel level = LogLevel.Information);

    /// <summary>Every repetition of the point on the node finished (succeeded or failed): its result can be computed.</summary>
    Task PointFinishedAsync((string PointId, string NodeName) key, CancellationToken cancellationToken);
}
