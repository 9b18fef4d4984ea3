using System.Security.Cryptography;
using System.Text;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Contracts.Runs;
using BenchCluster.Remote;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Places a suite on the live workers: every in-process job goes to each node that the suite's node selectors accept
/// and that holds the model (models × eligible nodes × ...); an endpoint job goes to the first eligible node that
/// allows the endpoint's api_key_env, except a fleet scenario's, whose drivers go to several (<see cref="FleetPlacement"/>). A model no eligible node can run is an error naming the model, the nodes there
/// are, and the fix. The jobs are counted before the matrix is expanded, and a suite above the operator's limit is
/// refused with the count. Job ids are derived from (run, point, node, repetition), so planning twice gives the same ids.
/// A quality job goes only to nodes that also hold its reference (<see cref="QualityReferencePlacement"/>).
/// </summary>
public static class RunPlanner
{
    public static RunPlan Plan(Guid runId, SuiteDefinition suite, IReadOnlyList<WorkerNode> workers, long maxJobs = MatrixLimits.DefaultMaxJobs)
    {
        // Counted first with one node per model, a lower bound that needs no cluster state, then again with the nodes.
        if (JobCount.Of(suite).Problem(maxJobs, "coordinator --max-jobs") is { } tooManyAnywhere)
            return new RunPlan([], [tooManyAnywhere]);
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
            var holders = model.IsInProcess ? InProcessHolders(model, eligible, suite.Models) : EndpointRunner(model, eligible);
            if (holders.Count == 0)
                errors.Add(model.IsInProcess ? NotHeld(model, eligible) : KeyNotAllowed(model, eligible));
            placements[model.Name] = holders;
        }
        if (errors.Count > 0)
            return new RunPlan([], errors);

        var count = JobCount.Of(suite, model => placements[model.Name].Count);
        if (count.Problem(maxJobs, "coordinator --max-jobs") is { } tooMany)
            return new RunPlan([], [tooMany]);

        var jobs = new List<PlannedJob>();
        var skipped = new Dictionary<(string Model, string Scenario, string Node), PlannedSkip>();
        foreach (var spec in MatrixExpander.Expand(suite, maxJobs).Jobs)
        {
            if (FleetPlacement.IsFleet(spec))
            {
                var (drivers, fleetError) = FleetPlacement.Drivers(spec.Model, spec.Scenario, EndpointReachers(spec.Model, eligible));
                if (fleetError is null)
                    jobs.AddRange(FleetPlacement.Jobs(runId, spec, drivers));
                else if (!errors.Contains(fleetError))
                    errors.Add(fleetError);
                continue;
            }
            foreach (var (node, sha256) in placements[spec.Model.Name])
            {
                var (placed, skip, error) = QualityReferencePlacement.Place(spec, suite.Models, node);
                if (placed is not null)
                    jobs.Add(new PlannedJob(JobIdFor(runId, placed, node.NodeName), placed, node.NodeName, sha256));
                else if (skip is not null)
                    skipped.TryAdd((spec.Model.Name, spec.Scenario.Name, node.NodeName), new PlannedSkip(spec.Model.Name, node.NodeName, skip));
                else if (!errors.Contains(error!))
                    errors.Add(error!);
            }
        }
        return errors.Count > 0 ? new RunPlan([], errors) : new RunPlan(jobs, errors) { Skipped = [.. skipped.Values] };
    }

    private static List<(WorkerNode Node, string? Sha256)> InProcessHolders(ModelSpec model, List<WorkerNode> eligible, IReadOnlyList<ModelSpec> suiteModels) =>
        eligible.Select(node => (Node: node, Held: ModelMatcher.Find(model, node, suiteModels)))
            .Where(x => x.Held is not null)
            .Select(x => (x.Node, (string?)x.Held!.Sha256))
            .ToList();

    /// <summary>One node runs an endpoint's jobs: the first whose operator allows the key it needs.</summary>
    private static List<(WorkerNode Node, string? Sha256)> EndpointRunner(ModelSpec model, List<WorkerNode> eligible) =>
        EndpointReachers(model, eligible)
            .Take(1)
            .Select(node => (node, (string?)null))
            .ToList();

    /// <summary>The eligible nodes whose operator allows the key variable the endpoint needs (all, when it needs none).</summary>
    private static List<WorkerNode> EndpointReachers(ModelSpec model, List<WorkerNode> eligible) =>
        eligible.Where(node => model.Endpoint!.ApiKeyEnv is not { } variable || node.ApiKeyVariables.Contains(variable, StringComparer.Ordinal)).ToList();

    private static string NotHeld(ModelSpec model, List<WorkerNode> eligible) =>
        eligible.Select(node => ModelMatcher.Ambiguity(model, node)).FirstOrDefault(a => a is not null) is { } ambiguity
            ? $"model {ModelMatcher.Describe(model)}: {ambiguity}"
            : $"model {ModelMatcher.Describe(model)} is held by no eligible node (eligible: {Describe(eligible)}); " +
              "put the file into a worker's --models folder (or forge it: benchcluster forge --preset NAME --type TYPE --output DIR) and restart that worker";

    private static string KeyNotAllowed(ModelSpec model, List<WorkerNode> eligible)
    {
        var variable = model.Endpoint!.ApiKeyEnv;
        var allowed = string.Join("; ", eligible.Select(n => $"{n.NodeName} allows {(n.ApiKeyVariables.Count == 0 ? "none" : string.Join(",", n.ApiKeyVariables))}"));
        return $"model {model.Name}: its api_key_env {variable} is allowed by no eligible node ({allowed}); {ApiKeyVariables.Rule}. "
               + $"Start a worker with 'benchcluster worker --api-key-env {variable}' (local mode: 'benchcluster run --api-key-env {variable} SUITE')";
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
            .Select(spec => (Spec: QualityReferencePlacement.Place(spec, suite.Models, node).Job, Held: ModelMatcher.Find(spec.Model, node, suite.Models)))
            .Where(x => x.Spec is not null && x.Held is not null)
            .Select(x => new PlannedJob(JobIdFor(runId, x.Spec!, node.NodeName), x.Spec!, node.NodeName, x.Held!.Sha256))
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
