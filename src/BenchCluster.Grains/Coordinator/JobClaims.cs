using BenchCluster.Storage;
using BenchCluster.Storage.Batching;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Dispatching a job starts a new attempt in Postgres (which fences out any earlier one). Claims made while another
/// claim is under way go out together in one statement (group commit); a lone claim goes at once.
/// </summary>
public sealed class JobClaims : IAsyncDisposable
{
    private const int MaxClaimsPerStatement = 256;

    private readonly GroupCommitQueue<(Guid JobId, string NodeName), int?> _queue;

    public JobClaims(BenchClusterDatabase database) =>
        _queue = new GroupCommitQueue<(Guid JobId, string NodeName), int?>(async (claims, cancellationToken) =>
        {
            var attempts = await database.Jobs.ClaimAsync(claims, cancellationToken);
            return claims.Select(c => attempts.TryGetValue(c.JobId, out var attempt) ? attempt : (int?)null).ToList();
        }, MaxClaimsPerStatement);

    /// <summary>The job's new attempt, or null when it is unknown or already final.</summary>
    public Task<int?> ClaimAsync(Guid jobId, string nodeName) => _queue.EnqueueAsync((jobId, nodeName));

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
