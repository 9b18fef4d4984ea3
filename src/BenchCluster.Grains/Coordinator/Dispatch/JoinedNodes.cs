using BenchCluster.Contracts.Nodes;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>
/// Workers that joined after the run was planned get the jobs they would have had at submission (same job ids), so a
/// run measures every node holding a model, whenever it came. A node the run already knew (one lost and back) gets
/// nothing new: its jobs were moved, and their ids exist already. The jobs are stored before they are queued, so a
/// storage outage leaves the node unadmitted until the next check rather than queued with jobs storage lacks.
/// </summary>
public sealed class JoinedNodes(
    IDictionary<string, WorkerNode> knownNodes, Func<WorkerNode, IReadOnlyList<PlannedJob>> planFor, IWorkerGateway workers)
{
    /// <summary>How often a running run looks for workers that joined since it was planned.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>Adds the jobs of every newly live eligible node; returns the nodes that got jobs (their lanes must start).</summary>
    internal async Task<IReadOnlyList<string>> AdmitAsync(JobStateSync sync, CancellationToken cancellationToken)
    {
        var admitted = new List<string>();
        foreach (var node in (await workers.LiveWorkersAsync()).Where(w => !knownNodes.ContainsKey(w.NodeName)))
        {
            var fresh = planFor(node).Where(job => !sync.Jobs.Contains(job.JobId)).ToList();
            if (fresh.Count > 0)
                await sync.StoreAsync(async (store, token) => { await store.AddAsync(fresh, token); return true; }, cancellationToken);
            knownNodes[node.NodeName] = node;
            if (fresh.Count == 0)
                continue;
            sync.Jobs.AddNew(fresh);
            admitted.Add(node.NodeName);
            sync.Observer.Record($"node {node.NodeName} joined: {fresh.Count} jobs added for the models it holds", LogLevel.Information);
        }
        return admitted;
    }
}
