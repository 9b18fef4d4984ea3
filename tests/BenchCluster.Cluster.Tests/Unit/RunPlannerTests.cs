using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>models × eligible nodes × scenarios × parameters × repetitions, and the errors when that cannot be.</summary>
public sealed class RunPlannerTests
{
    private static readonly Guid RunId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    internal const string Suite = """
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

        var planned = RunPlanner.Plan(RunId, suite, [Node("cpu-1", "cpu", Preset("tiny", "F16", "s-tiny"), Preset("qwen2.5-0.5b", "Q4_K_M", "s-qwen")), joined]).Jobs
            .Where(j => j.NodeName == "cpu-2");
        Assert.Equal(planned.Select(j => j.JobId).Order(), jobs.Select(j => j.JobId).Order());
        Assert.Equal(12, jobs.Count); // the model it holds: 2 scenarios × 2 thread counts × 3 repetitions; not the one it lacks
        Assert.Empty(RunPlanner.PlanJoined(RunId, suite, matrix, Node("gpu-2", "gpu", Preset("tiny", "F16", "s-tiny"))));
    }

    private const string EndpointSuite = """
        name: remote
        repetitions: 2
        models:
          - name: hosted
            endpoint: {base_url: "https://api.example.com/v1", model: m, api_key_env: OPENAI_API_KEY}
        scenarios:
          - {name: c, kind: concurrency, requests: 4, parameters: {concurrency: [1, 2]}}
        """;

    [Fact]
    public void An_endpoint_model_runs_only_on_a_node_whose_operator_allows_its_key_variable()
    {
        var plan = Plan(EndpointSuite, [Node("a-no-keys", "cpu"), Node("b-keys", "cpu") with { ApiKeyVariables = ["OTHER", "OPENAI_API_KEY"] }]);

        Assert.Empty(plan.Errors);
        Assert.Equal(2 * 2, plan.Jobs.Count);
        Assert.All(plan.Jobs, job => Assert.Equal("b-keys", job.NodeName));
    }

    [Fact]
    public void An_endpoint_whose_key_no_eligible_node_allows_is_refused_naming_the_variable_the_rule_and_the_fix()
    {
        var plan = Plan(EndpointSuite, [Node("a", "cpu"), Node("b", "cpu") with { ApiKeyVariables = ["OTHER"] }]);

        var error = Assert.Single(plan.Errors);
        Assert.Empty(plan.Jobs);
        Assert.Contains("api_key_env OPENAI_API_KEY is allowed by no eligible node (a allows none; b allows OTHER)", error);
        Assert.Contains("never from BenchCluster's own variables", error);
        Assert.Contains("benchcluster worker --api-key-env OPENAI_API_KEY", error);
    }

    [Fact]
    public void The_job_count_includes_the_nodes_and_is_refused_above_the_coordinators_limit_before_expanding()
    {
        var workers = new[]
        {
            Node("cpu-1", "cpu", Preset("tiny", "F16", "s-tiny"), Preset("qwen2.5-0.5b", "Q4_K_M", "s-qwen")),
            Node("cpu-2", "cpu", Preset("tiny", "F16", "s-tiny")),
        };
        var suite = new SuiteParser().Parse(Suite, "plan.yaml");

        var fits = RunPlanner.Plan(RunId, suite, workers, maxJobs: 36);
        var refused = RunPlanner.Plan(RunId, suite, workers, maxJobs: 35);

        Assert.Equal(36, fits.Jobs.Count);
        Assert.Empty(refused.Jobs);
        var error = Assert.Single(refused.Errors);
        Assert.Contains("expands to 36 jobs, above the limit of 35 (coordinator --max-jobs)", error);
        Assert.Contains("model small × scenario pp: threads values: 2 × repetitions: 3 × nodes: 2 = 12 jobs", error);
    }

    [Fact]
    public void A_suite_above_the_limit_with_one_node_per_model_is_refused_before_looking_at_the_cluster()
    {
        var plan = RunPlanner.Plan(RunId, new SuiteParser().Parse(Suite, "plan.yaml"), [], maxJobs: 10);

        Assert.Contains("expands to 24 jobs, above the limit of 10", Assert.Single(plan.Errors));
    }

    private static RunPlan Plan(string yaml, IReadOnlyList<WorkerNode> workers) =>
        RunPlanner.Plan(RunId, new SuiteParser().Parse(yaml, "plan.yaml"), workers);

    internal static WorkerNode Node(string name, string device, params HeldModel[] models) =>
        new(name, "", device, device == "gpu" ? "Test GPU" : "Test CPU", "Test CPU", 4, 8L << 30, device == "gpu" ? 24L << 30 : 0, 0, 0, models);

    internal static HeldModel Preset(string preset, string quantization, string sha) =>
        new(sha, $"synthetic-{preset}.gguf", 1, "qwen2", quantization, true, preset);
}
