using BenchCluster.Contracts.Grains;
using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Grains.Coordinator;

public sealed partial class SuiteGrain
{
    /// <summary>How often a running run looks for workers that joined since it was planned.</summary>
    private static readonly TimeSpan JoinCheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A worker that joined after the run was planned (it was not among the run's nodes) gets the jobs it would have had
    /// at submission: the run then measures every node holding a model, whenever it came. A node the run already knew
    /// (one that was lost and came back) gets nothing new: its jobs were moved, and its job ids exist already.
    /// </summary>
    private async Task AdmitJoinedNodesAsync()
    {
        var live = await GrainFactory.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();
        foreach (var node in live.Where(w => !_nodes.ContainsKey(w.NodeName)))
        {
            _nodes[node.NodeName] = node;
            var planned = RunPlanner.PlanJoined(_runId, _suite!, MatrixExpander.Expand(_suite!), node);
            var added = _jobs!.AddNew(planned);
            if (added.Count == 0)
                continue;
            await context.Database.Jobs.InsertAsync(added.Select(ToRow).ToList());
            EnsureLane(node.NodeName);
            Record($"node {node.NodeName} joined: {added.Count} jobs added for the models it holds");
        }
    }
}
