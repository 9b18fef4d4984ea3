using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>
/// The dispatcher's view of one run's jobs in storage (Postgres in the cluster, a fake in tests). Every change is
/// fenced by the job's attempt, claims also by the coordinator's epoch; each method says whether it applied.
/// </summary>
public interface IRunJobStore
{
    /// <summary>Starts a new attempt of the job on <paramref name="nodeName"/>.</summary>
    Task<JobClaimResult> ClaimAsync(Guid jobId, string nodeName, CancellationToken cancellationToken);

    /// <summary>Hands the attempt's job back to pending for another dispatch; false when the attempt is no longer current.</summary>
    Task<bool> RequeueAsync(Guid jobId, int attempt, string error, CancellationToken cancellationToken);

    /// <summary>Fails the job for good; false when the attempt is no longer current.</summary>
    Task<bool> MarkFailedAsync(Guid jobId, int attempt, string error, string? measurementJson, CancellationToken cancellationToken);

    /// <summary>Turns a success stored without a single measured sample into a failure; false when it has samples or moved on.</summary>
    Task<bool> FailEmptySuccessAsync(Guid jobId, int attempt, string error, CancellationToken cancellationToken);

    /// <summary>Stores jobs planned while the run is under way (for a node that joined), pending.</summary>
    Task AddAsync(IReadOnlyList<PlannedJob> jobs, CancellationToken cancellationToken);

    /// <summary>The job as stored now; null when there is no such job.</summary>
    Task<StoredJob?> GetAsync(Guid jobId, CancellationToken cancellationToken);
}
