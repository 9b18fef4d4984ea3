using BenchCluster.Storage;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>One run's jobs in Postgres, claimed under the epoch this coordinator holds the run with.</summary>
public sealed class PostgresRunJobStore(BenchClusterDatabase database, JobClaims claims, Guid runId, int coordinatorEpoch) : IRunJobStore
{
    public Task<JobClaimResult> ClaimAsync(Guid jobId, string nodeName, CancellationToken cancellationToken) =>
        claims.ClaimAsync(new JobClaim(runId, jobId, nodeName, coordinatorEpoch));

    public Task<bool> RequeueAsync(Guid jobId, int attempt, string error, CancellationToken cancellationToken) =>
        database.Jobs.RequeueAsync(jobId, attempt, error, cancellationToken);

    public Task<bool> MarkFailedAsync(Guid jobId, int attempt, string error, string? measurementJson, CancellationToken cancellationToken) =>
        database.Jobs.MarkFailedAsync(jobId, attempt, error, measurementJson, cancellationToken);

    public Task<bool> FailEmptySuccessAsync(Guid jobId, int attempt, string error, CancellationToken cancellationToken) =>
        database.Jobs.FailEmptySuccessAsync(jobId, attempt, error, cancellationToken);

    public Task AddAsync(IReadOnlyList<PlannedJob> jobs, CancellationToken cancellationToken) =>
        database.Jobs.InsertAsync(jobs.Select(job => JobRowMapping.ToRow(runId, job)).ToList(), cancellationToken);

    public async Task<StoredJob?> GetAsync(Guid jobId, CancellationToken cancellationToken) =>
        await database.Jobs.GetAsync(jobId, cancellationToken) is { } row ? new StoredJob(row.Status, row.Attempt, row.LastError) : null;
}
