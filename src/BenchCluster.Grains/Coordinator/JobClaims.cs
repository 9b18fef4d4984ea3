using BenchCluster.Storage;
using BenchCluster.Storage.Batching;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Dispatching a job starts a new attempt in Postgres (which fences out any earlier one), under the run's coordinator
/// epoch. Claims made while another claim is under way go out together in one statement (group commit); a lone claim
/// goes at once.
/// </summary>
public sealed class JobClaims : IAsyncDisposable
{
    private const int MaxClaimsPerStatement = 256;

    private readonly GroupCommitQueue<JobClaim, JobClaimResult> _queue;

    public JobClaims(BenchClusterDatabase database) =>
        _queue = new GroupCommitQueue<JobClaim, JobClaimResult>(async (claims, cancellationToken) =>
        {
            var results = await database.Jobs.ClaimAsync(claims, cancellationToken);
            return claims.Select(c => results.GetValueOrDefault(c.JobId) ?? JobClaimResult.NotClaimable).ToList();
        }, MaxClaimsPerStatement);

    public Task<JobClaimResult> ClaimAsync(JobClaim claim) => _queue.EnqueueAsync(claim);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
