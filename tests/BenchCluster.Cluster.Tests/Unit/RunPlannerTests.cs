using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>models × eligible nodes × scenarios × parameters × repetitions, and the errors when that cannot be.</summary>
public sealed class RunPlannerTests
{
    private static readonly Guid RunId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    private const string Suite = """
        name: plan
        repetitions: 3
        models:
          - {name: small, preset: tiny, type: f16}
          - {name: big, preset: qwen2.5-0.5b, type: q4_k_m}
        nodes:
          - device: cpu
        scenarios:
          - {name: pp, kind: pp, prompt_tokens: 16}
          - {name: tg, kind: tg, output_tokens: 8}
        parameters:
          threads: [1, 2]
        """;

    [Fact]
    public void Each_model_runs_on_every_eligible_node_holding_it()
    {
        var workers = new[]
        {
            Node("cpu-1", "cpu", Preset("tiny", "F16", "s-tiny"), Preset("qwen2.5-0.5b", "Q4_K_M", "s-qwen")),
            Node("cpu-2", "cpu", Preset("tiny", "F16", "s-tiny")),
            Node("gpu-1", "gpu", Preset("tiny", "F16", "s-tiny"), Preset("qwen2.5-0.5b", "Q4_K_M", "s-qwen")),
        };
        var plan = Plan(Suite, workers);

        Assert.Empty(plan.Errors);
        // per model: 2 scenarios × 2 thread counts × 3 repetitions = 12; tiny on 2 cpu nodes, qwen on 1 (gpu excluded by the selector)
        Assert.Equal(12 * 2 + 12 * 1, plan.Jobs.Count);
        Assert.All(plan.Jobs.Where(j => j.Spec.Model.Name == "big"), j => Assert.Equal(("cpu-1", "s-qwen"), (j.NodeName, j.ModelSha256)));
        Assert.Equal(["cpu-1", "cpu-2"], plan.Jobs.Where(j => j.Spec.Model.Name == "small").Select(j => j.NodeName).Distinct().Order());
        Assert.Equal(plan.Jobs.Count, plan.Jobs.Select(j => j.JobId).Distinct().Count());
    }

    [Fact]
    public void Planning_twice_gives_the_same_job_ids()
    {
        var workers = new[] { Node("cpu-1", "cpu", Preset("tiny", "F16", "a"), Preset("qwen2.5-0.5b", "Q4_K_M", "b")) };
        Assert.Equal(Plan(Suite, workers).Jobs.Select(j => j.JobId), Plan(Suite, workers).Jobs.Select(j => j.JobId));
    }

    [Fact]
    public void A_model_no_eligible_node_holds_is_an_error_naming_it_and_what_each_node_holds()
    {
        var plan = Plan(Suite, [Node("cpu-1", "cpu", Preset("tiny", "F16", "a")), Node("gpu-1", "gpu", Preset("qwen2.5-0.5b", "Q4_K_M", "b"))]);

        var error = Assert.Single(plan.Errors);
        Assert.Empty(plan.Jobs);
        Assert.Contains("big (forged preset qwen2.5-0.5b, q4_k_m)", error);
        Assert.Contains("cpu-1 holds [tiny F16]", error);
        Assert.DoesNotContain("gpu-1", error); // not eligible: the suite selects cpu nodes
    }

    [Fact]
    public void No_worker_or_no_matching_worker_says_what_to_start()
    {
        Assert.Contains("no worker node is connected", Assert.Single(Plan(Suite, []).Errors));
        Assert.Contains("match none of the connected workers (gpu-1)", Assert.Single(Plan(Suite, [Node("gpu-1", "gpu")]).Errors));
    }

    [Fact]
    public void A_node_that_joins_gets_the_jobs_the_plan_would_have_given_it_and_nothing_when_not_eligible()
    {
        var suite = new SuiteParser().Parse(Suite, "plan.yaml");
        var matrix = MatrixExpander.Expand(suite);
        var joined = Node("cpu-2", "cpu", Preset("tiny", "F16", "s-tiny"));

        var jobs = RunPlanner.PlanJoined(RunId, suite, matrix, joined);

        var planned = RunPlanner.Plan(RunId, suite, matrix, [Node("cpu-1", "cpu", Preset("tiny", "F16", "s-tiny"), Preset("qwen2.5-0.5b", "Q4_K_M", "s-qwen")), joined]).Jobs
            .Where(j => j.NodeName == "cpu-2");
        Assert.Equal(planned.Select(j => j.JobId).Order(), jobs.Select(j => j.JobId).Order());
        Assert.Equal(12, jobs.Count); // the model it holds: 2 scenarios × 2 thread counts × 3 repetitions; not the one it lacks
        Assert.Empty(RunPlanner.PlanJoined(RunId, suite, matrix, Node("gpu-2", "gpu", Preset("tiny", "F16", "s-tiny"))));
    }

    private static RunPlan Plan(string yaml, IReadOnlyList<WorkerNode> workers)
    {
        var suite = new SuiteParser().Parse(yaml, "plan.yaml");
        return RunPlanner.Plan(RunId, suite, MatrixExpander.Expand(suite), workers);
    }

    private static WorkerNode Node(string name, string device, params HeldModel[] models) =>
        new(name, "", device, device == "gpu" ? "Test GPU" : "Test CPU", "Test CPU", 4, 8L << 30, device == "gpu" ? 24L << 30 : 0, 0, 0, models);

    private static HeldModel Preset(string preset, string quantization, string sha) =>
        new(sha, $"synthetic-{preset}.gguf", 1, "qwen2", quantization, true, preset);
}
