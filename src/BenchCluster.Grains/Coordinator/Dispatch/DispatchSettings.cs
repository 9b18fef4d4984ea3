using BenchCluster.Storage.Resilience;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>How a run is dispatched.</summary>
public sealed record DispatchSettings
{
    /// <summary>Attempts a job gets when its engine crashes (a crash may be a one-off; a hostile file crashes every time).</summary>
    public int MaxAttempts { get; init; } = 2;

    /// <summary>Jobs dispatched to one node at once: 1, so measurements do not disturb each other (more only to measure the cluster itself).</summary>
    public int JobsPerNode { get; init; } = 1;

    /// <summary>Retries of storage calls through a transient outage.</summary>
    public PostgresRetry StorageRetry { get; init; } = PostgresRetry.None;
}
