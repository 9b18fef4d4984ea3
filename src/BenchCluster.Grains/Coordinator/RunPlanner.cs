using System.Security.Cryptography;
using System.Text;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Places an expanded matrix on the live workers: every in-process job goes to each node that the suite's node
/// selectors accept and that holds the model (models × eligible nodes × ...); an endpoint job goes to the first
/// eligible node by name. A model that no eligible node holds is an error naming the model and the nodes there are.
/// Job ids are derived from (run, point, node, repetition), so planning the same run twice gives the same ids.
/// </summary>
public static class RunPlanner
{
    public static RunPlan Plan(Guid runId, SuiteDefinition suite, MatrixPlan matrix, IReadOnlyList<WorkerNode> workers)
    {
        var errors = new List<string>();
        if (workers.Count == 0)
            return new RunPlan([], ["no worker node is connected to the cluster: start one with 'benchcluster worker --postgres ... --models DIR'"]);

        var eligible = workers.Where(w => NodeSelector.MatchesAny(suite.Nodes, NodeDescriptions.From(w))).ToList();
        if (eligible.Count == 0)
        {
            errors.Add($"the suite's node selectors match none of the connected workers ({Names(workers)}); relax 'nodes:' or start a matching worker");
            return new RunPlan([], errors);
        }

        var placements = new Dictionary<string, List<(WorkerNode Node, string? Sha256)>>();
        foreach (var model in suite.Models)
        {
            var holders = model.IsInProcess
                ? eligible.Select(node => (Node: node, Held: ModelMatcher.Find(model, node)))
                    .Where(x => x.Held is not null)
                    .Select(x => (x.Node, (string?)x.Held!.Sha256))
                    .ToList()
                : [(eligible[0], null)];
            if (holders.Count == 0)
                errors.Add($"model {ModelMatcher.Describe(model)} is held by no eligible node (eligible: {Describe(eligible)}); " +
                           "put the file into a worker's --models folder (or forge it: benchcluster forge --preset NAME --type TYPE --output DIR) and restart that worker");
            placements[model.Name] = holders;
        }
        if (errors.Count > 0)
            return new RunPlan([], errors);

        var jobs = matrix.Jobs
            .SelectMany(spec => placements[spec.Model.Name].Select(p =>
                new PlannedJob(JobIdFor(runId, spec, p.Node.NodeName), spec, p.Node.NodeName, p.Sha256)))
            .ToList();
        return new RunPlan(jobs, errors);
    }

    /// <summary>
    /// The jobs a node that joined while the run was under way gets: every in-process job of a model it holds, as
    /// <see cref="Plan"/> would have placed them had it been there (same ids, so a node planned before gets nothing twice).
    /// Endpoint jobs stay on the node they were planned on.
    /// </summary>
    public static IReadOnlyList<PlannedJob> PlanJoined(Guid runId, SuiteDefinition suite, MatrixPlan matrix, WorkerNode node) =>
        !NodeSelector.MatchesAny(suite.Nodes, NodeDescriptions.From(node)) ? []
        : matrix.Jobs
            .Where(spec => spec.Model.IsInProcess)
            .Select(spec => (Spec: spec, Held: ModelMatcher.Find(spec.Model, node)))
            .Where(x => x.Held is not null)
            .Select(x => new PlannedJob(JobIdFor(runId, x.Spec, node.NodeName), x.Spec, node.NodeName, x.Held!.Sha256))
            .ToList();

    public static Guid JobIdFor(Guid runId, JobSpec spec, string nodeName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{runId:N}|{spec.Point.Id}|{nodeName}|{spec.Repetition}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static string Names(IEnumerable<WorkerNode> nodes) => string.Join(", ", nodes.Select(n => n.NodeName));

    private static string Describe(IEnumerable<WorkerNode> nodes) => string.Join("; ", nodes.Select(n =>
        $"{n.NodeName} holds [{string.Join(", ", n.Models.Select(m => m.IsSynthetic ? $"{m.SyntheticPreset} {m.Quantization}" : m.FileName))}]"));
}
