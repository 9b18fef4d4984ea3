using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>A fleet point's drivers: distinct workers that may reach the endpoint, each with its share and its seed.</summary>
public sealed class FleetPlanningTests
{
    private static readonly Guid RunId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    private const string Suite = """
        name: fleet
        repetitions: 2
        models:
          - name: hosted
            endpoint: {base_url: "https://api.example.com/v1", model: m, api_key_env: OPENAI_API_KEY}
        scenarios:
          - {name: p, kind: poisson, requests: 10, fleet: {drivers: 2}, parameters: {rate: [8]}}
          - {name: c, kind: concurrency, requests: 4, parameters: {concurrency: [1]}}
        """;

    private static RunPlan Plan(params string[] keyHolders) =>
        RunPlanner.Plan(RunId, new SuiteParser().Parse(Suite, "fleet.yaml"),
            [RunPlannerTests.Node("no-key", "cpu"), .. keyHolders.Select(n => RunPlannerTests.Node(n, "cpu") with { ApiKeyVariables = ["OPENAI_API_KEY"] })]);

    [Fact]
    public void Each_repetition_gets_one_driver_job_per_worker_that_may_reach_the_endpoint()
    {
        var plan = Plan("w-c", "w-a", "w-b");

        Assert.Empty(plan.Errors);
        var fleet = plan.Jobs.Where(j => j.Spec.Scenario.Name == "p").ToList();
        Assert.Equal(2 * 2, fleet.Count); // 2 repetitions × 2 drivers
        foreach (var repetition in fleet.GroupBy(j => j.Spec.Repetition))
        {
            Assert.Equal(["w-a", "w-b"], repetition.OrderBy(j => j.Spec.Fleet!.Index).Select(j => j.NodeName));
            Assert.Equal(2, repetition.Select(j => j.Spec.Seed).Distinct().Count());
            // One open-loop schedule for the repetition, drawn alike by its drivers, each from the other repetition's.
            Assert.Single(repetition.Select(j => j.Spec.Fleet!.ScheduleSeed).Distinct());
            Assert.All(repetition, j => Assert.Equal(8, j.Spec.Parameters.Rate));
        }
        Assert.Equal(2, fleet.Select(j => j.Spec.Fleet!.ScheduleSeed).Distinct().Count());
        Assert.Single(fleet.Select(j => j.ResultKey).Distinct());
        Assert.Equal("fleet:w-a+w-b", fleet[0].ResultKey.NodeName);
        Assert.Equal(4, fleet.Select(j => j.JobId).Distinct().Count());
        // The scenario without fleet keeps one node and its usual result key.
        Assert.All(plan.Jobs.Where(j => j.Spec.Scenario.Name == "c"), j => Assert.Null(j.Spec.Fleet));
        Assert.Equal(plan.Jobs.Select(j => j.JobId), Plan("w-c", "w-a", "w-b").Jobs.Select(j => j.JobId));
    }

    [Fact]
    public void The_job_limit_counts_every_driver()
    {
        var plan = RunPlanner.Plan(RunId, new SuiteParser().Parse(Suite, "fleet.yaml"),
            [RunPlannerTests.Node("w-a", "cpu") with { ApiKeyVariables = ["OPENAI_API_KEY"] }, RunPlannerTests.Node("w-b", "cpu") with { ApiKeyVariables = ["OPENAI_API_KEY"] }],
            maxJobs: 5);

        // p: 2 repetitions × 2 drivers = 4; c: 2 repetitions on one node = 2.
        Assert.Contains("expands to 6 jobs, above the limit of 5", Assert.Single(plan.Errors));
        Assert.Contains("fleet drivers: 2", plan.Errors[0]);
    }

    [Fact]
    public void More_drivers_than_workers_that_may_reach_the_endpoint_is_refused_naming_them_and_the_fix()
    {
        var plan = Plan("w-a");

        Assert.Empty(plan.Jobs);
        var error = Assert.Single(plan.Errors);
        Assert.Contains("scenario p: fleet.drivers 2 needs 2 distinct workers that may reach endpoint model hosted, but only 1 can (w-a)", error);
        Assert.Contains("lower fleet.drivers", error);
        var outline = RunOutliner.Outline(new SuiteParser().Parse(Suite, "fleet.yaml"), [RunPlannerTests.Node("w-a", "cpu") with { ApiKeyVariables = ["OPENAI_API_KEY"] }], MatrixLimits.DefaultMaxJobs);
        Assert.Contains(outline.Problems, p => p.Contains("fleet.drivers 2 needs 2 distinct workers", StringComparison.Ordinal));
        ReliabilityLog.BadInput(new BadInputRecord("suite fleet", "fleet.drivers 2 with one worker allowed to reach the endpoint (submit and dry run)", 2,
            "refused before the run starts, naming the scenario, the model, the workers that can and the fix",
            nameof(More_drivers_than_workers_that_may_reach_the_endpoint_is_refused_naming_them_and_the_fix)));
    }
}
