using System.Collections.Concurrent;
using BenchCluster.Grains.Coordinator.Dispatch;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Cluster.Tests.Unit.Dispatch;

/// <summary>Keeps what the dispatcher reported: its events and the points it declared finished.</summary>
internal sealed class RecordingObserver : IDispatchObserver
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<(string PointId, string NodeName)> FinishedPoints { get; } = new();

    public void Record(string message, LogLevel level = LogLevel.Information) => Events.Enqueue(message);

    public Task PointFinishedAsync((string PointId, string NodeName) key, CancellationToken cancellationToken)
    {
        FinishedPoints.Enqueue(key);
        return Task.CompletedTask;
    }
}
