using BenchCluster.Contracts.Nodes;
using BenchCluster.Contracts.Runs;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// A dry run's placement: <see cref="RunPlanner.Plan"/> on the given nodes (so the same jobs and the same refusals as
/// a submission), grouped per point and node, plus the model × node combinations the placement leaves out and why.
/// </summary>
public static class RunOutliner
{
    public static RunPlanOutline Outline(SuiteDefinition suite, IReadOnlyList<WorkerNode> workers, long maxJobs)
    {
        var plan = RunPlanner.Plan(Guid.Empty, suite, workers, maxJobs);
        var devices = workers.GroupBy(w => w.NodeName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().DeviceKind, StringComparer.Ordinal);
        var points = plan.Jobs
            .GroupBy(job => (job.Spec.Point.Id, job.NodeName))
            .Select(g => new PlannedPoint(g.Key.Id, g.Key.NodeName, devices.GetValueOrDefault(g.Key.NodeName, "cpu"), g.Count()))
            .ToList();
        IReadOnlyList<string> problems = plan.Errors.Count > 0 ? plan.Errors : plan.Jobs.Count == 0 ? ["the suite expands to no job"] : [];
        return new RunPlanOutline(points, [.. Skips(suite, workers), .. plan.Skipped], problems);
    }

    /// <summary>Nodes the selectors exclude, and eligible nodes that do not hold an in-process model (the planner places it elsewhere or refuses).</summary>
    public static IReadOnlyList<PlannedSkip> Skips(SuiteDefinition suite, IReadOnlyList<WorkerNode> workers)
    {
        var skips = new List<PlannedSkip>();
        foreach (var node in workers)
        {
            if (!NodeSelector.MatchesAny(suite.Nodes, NodeDescriptions.From(node)))
            {
                skips.Add(new PlannedSkip(null, node.NodeName, $"the suite's node selectors exclude {node.NodeName} ({node.DeviceKind}, {node.DeviceName})"));
                continue;
            }
            foreach (var model in suite.Models.Where(m => m.IsInProcess && ModelMatcher.Find(m, node, suite.Models) is null))
                skips.Add(new PlannedSkip(model.Name, node.NodeName, ModelMatcher.Ambiguity(model, node) ?? $"{node.NodeName} does not hold {ModelMatcher.Describe(model)}"));
        }
        return skips;
    }
}
