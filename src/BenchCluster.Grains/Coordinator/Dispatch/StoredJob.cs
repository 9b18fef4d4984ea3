using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>A job's state as storage holds it: what the dispatcher re-reads when an update of its own was fenced out.</summary>
public sealed record StoredJob(JobState State, int Attempt, string? LastError);
