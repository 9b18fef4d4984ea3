using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>Where a lost node's jobs may go: a live node the suite's selectors accept that holds the same model file, same hardware first, shortest queue next.</summary>
public sealed class NodeRelocation(IReadOnlyList<NodeSelector> selectors, IReadOnlyDictionary<string, WorkerNode> plannedNodes)
{
    public bool IsEligible(WorkerNode node) => NodeSelector.MatchesAny(selectors, NodeDescriptions.From(node));

    public WorkerNode? ChooseReplacement(PlannedJob job, IReadOnlyList<WorkerNode> live, RunJobs jobs)
    {
        var original = plannedNodes.GetValueOrDefault(job.NodeName);
        return live
            .Where(w => job.ModelSha256 is null || w.Models.Any(m => string.Equals(m.Sha256, job.ModelSha256, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(w => original is not null && NodeDescriptions.SameHardware(w, original))
            .ThenBy(w => jobs.QueueLength(w.NodeName))
            .ThenBy(w => w.NodeName, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
