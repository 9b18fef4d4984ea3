using BenchCluster.Contracts.Nodes;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>
/// A node that died: the jobs of its batch it had not finished go back, in order, and its queue moves to live nodes
/// holding the same model file (same hardware first); a job no live node can run fails with that reason.
/// </summary>
internal sealed class NodeLoss(JobStateSync sync, IWorkerGateway workers, NodeRelocation relocation)
{
    private readonly HashSet<string> _lost = new(StringComparer.Ordinal);

    public bool IsLost(string node) => _lost.Contains(node);

    /// <summary>Where a job of <paramref name="job"/>'s node runs now: its own node, or a replacement if that one was lost (null: none).</summary>
    public async Task<string?> NodeForAsync(PlannedJob job) =>
        !_lost.Contains(job.NodeName) ? job.NodeName : relocation.ChooseReplacement(job, await LiveTargetsAsync(), sync.Jobs)?.NodeName;

    /// <summary>A call failed: the node is lost when the error says so or membership no longer lists it.</summary>
    public async Task<bool> IsNodeLostAsync(string node, Exception error) =>
        workers.MeansNodeLost(error) || (await workers.LiveWorkersAsync()).All(w => w.NodeName != node);

    /// <summary>
    /// A lost node's batch: jobs it finished (their results committed with their samples) stay done; the others go back
    /// to its queue, in order, for <see cref="RelocateAsync"/> to move.
    /// </summary>
    public async Task TakeBackAsync(string node, IReadOnlyList<(PlannedJob Job, int Attempt)> claimed, Exception reason, CancellationToken cancellationToken)
    {
        foreach (var (job, attempt) in claimed.Reverse())
        {
            if (await sync.StoreAsync((store, token) => store.RequeueAsync(job.JobId, attempt, $"node {node} was lost: {reason.Message}", token), cancellationToken))
            {
                sync.Jobs.Set(job.JobId, JobState.Pending);
                sync.Jobs.Requeue(node, job.JobId);
                continue;
            }
            await sync.RereadAsync(job, cancellationToken);
        }
    }

    /// <summary>Moves a lost node's queued jobs to live eligible nodes that hold the same model file, same hardware first.</summary>
    public async Task RelocateAsync(string lostNode, Exception reason, Action<string> startLane, CancellationToken cancellationToken)
    {
        _lost.Add(lostNode);
        sync.Observer.Record($"node {lostNode} lost ({reason.GetType().Name}); moving its jobs");
        var live = await LiveTargetsAsync();
        foreach (var job in sync.Jobs.TakeQueue(lostNode))
        {
            if (relocation.ChooseReplacement(job, live, sync.Jobs) is { } target)
            {
                sync.Jobs.Enqueue(target.NodeName, job.JobId);
                startLane(target.NodeName);
                continue;
            }
            await FailUnplaceableAsync(lostNode, job, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<WorkerNode>> LiveTargetsAsync() =>
        (await workers.LiveWorkersAsync()).Where(w => !_lost.Contains(w.NodeName) && relocation.IsEligible(w)).ToList();

    private async Task FailUnplaceableAsync(string lostNode, PlannedJob job, CancellationToken cancellationToken)
    {
        var reason = $"node {lostNode} was lost and no other live node holds {ModelMatcher.Describe(job.Spec.Model)}";
        var claim = await sync.StoreAsync((store, token) => store.ClaimAsync(job.JobId, lostNode, token), cancellationToken);
        if (!claim.StillOwner)
        {
            sync.LoseOwnership();
            return;
        }
        if (claim.Attempt is { } attempt && await sync.StoreAsync((store, token) => store.MarkFailedAsync(job.JobId, attempt, reason, null, token), cancellationToken))
        {
            sync.Jobs.Set(job.JobId, JobState.Failed, attempt);
            sync.Observer.Record($"{job.Spec.Point.Label} rep {job.Spec.Repetition}: FAILED: {reason}");
            await sync.PointMayBeFinishedAsync(job, cancellationToken);
            return;
        }
        await sync.RereadAsync(job, cancellationToken);
    }
}
