using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Planning;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Measurement.Tests.Planning;

/// <summary>A dry run's plan: jobs per model × node × scenario, what is skipped and why, and a time estimate that prefers measured durations.</summary>
public sealed class RunPreviewBuilderTests
{
    private const string Suite = """
        name: plan
        repetitions: 3
        warmup: 1
        models:
          - {name: small, preset: tiny, type: f16}
          - {name: api, endpoint: {base_url: "http://127.0.0.1:1/v1", model: m}}
        scenarios:
          - {name: tg, kind: tg, output_tokens: 20}
          - {name: load, kind: concurrency, requests: 4, workload: {prompt_tokens: 100, output_tokens: 10}, parameters: {concurrency: [1, 2]}}
        parameters:
          threads: [1, 2]
        """;

    private static readonly SuiteDefinition Definition = new SuiteParser().Parse(Suite);
    private static readonly MatrixPlan Matrix = MatrixExpander.Expand(Definition);

    [Fact]
    public void Jobs_are_counted_per_model_node_and_scenario()
    {
        // small runs on two nodes, the endpoint on one (as the planner places them).
        var preview = Build(Place(m => m == "small" ? ["cpu-1", "cpu-2"] : ["cpu-1"]), []);

        var rows = preview.Rows.ToDictionary(r => (r.Model, r.Node, r.Scenario));
        Assert.Equal(5, rows.Count);
        // tg: 2 thread counts × 3 repetitions; load: 2 thread counts × 2 concurrencies × 3 repetitions.
        Assert.Equal((2, 6), (rows[("small", "cpu-1", "tg")].Points, rows[("small", "cpu-1", "tg")].Jobs));
        Assert.Equal((2, 6), (rows[("small", "cpu-2", "tg")].Points, rows[("small", "cpu-2", "tg")].Jobs));
        Assert.Equal((4, 12), (rows[("small", "cpu-2", "load")].Points, rows[("small", "cpu-2", "load")].Jobs));
        // threads do not apply to an endpoint: only its concurrency list multiplies.
        Assert.Equal((2, 6), (rows[("api", "cpu-1", "load")].Points, rows[("api", "cpu-1", "load")].Jobs));
        Assert.False(rows.ContainsKey(("api", "cpu-1", "tg")));
        Assert.Equal(6 + 6 + 12 + 12 + 6, preview.TotalJobs);
        Assert.True(preview.Runnable);
    }

    [Fact]
    public void Skipped_combinations_say_why()
    {
        var nodeSkip = new SkippedCombination(Model: null, Scenario: null, Reason: "the suite's node selectors exclude gpu-1 (gpu, H100)") { Node = "gpu-1" };

        var preview = Build(Place(_ => ["cpu-1"]), [nodeSkip]);

        var micro = Assert.Single(preview.Skipped, s => s.Model == "api");
        Assert.Equal("tg", micro.Scenario);
        Assert.Contains("remote endpoint", micro.Reason, StringComparison.Ordinal);
        Assert.Contains(nodeSkip, preview.Skipped);
    }

    [Fact]
    public void Without_history_every_estimate_is_guessed_from_the_tokens()
    {
        var preview = Build(Place(_ => ["cpu-1"]), []);

        var tg = preview.Rows.Single(r => r.Model == "small" && r.Scenario == "tg");
        // Per job: (1 warm-up + 1 measured run) × 20 tokens ÷ the CPU generation guess; 6 jobs.
        Assert.Equal(6 * 2 * 20 / JobTimeGuess.CpuGenerationTokensPerSecond, tg.EstimatedSeconds, 1e-9);
        Assert.Equal("guessed", tg.Estimate);
        Assert.Equal(preview.TotalJobs, preview.GuessedJobs);
    }

    [Fact]
    public void Measured_durations_of_the_same_point_on_the_same_node_replace_the_guess()
    {
        var placements = Place(_ => ["cpu-1", "cpu-2"]);
        var tgPoints = Matrix.Jobs.Where(j => j.Model.Name == "small" && j.Scenario.Name == "tg").Select(j => j.Point.Id).Distinct().ToList();
        // Both tg points measured on cpu-1; one of them on cpu-2; a point of another node's name does not count.
        MeasuredJobTime[] history =
        [
            new(tgPoints[0], "cpu-1", 1.5), new(tgPoints[1], "cpu-1", 2.5), new(tgPoints[0], "cpu-2", 4), new(tgPoints[1], "cpu-9", 100),
        ];

        var preview = Build(placements, [], history);

        var measured = preview.Rows.Single(r => r is { Model: "small", Node: "cpu-1", Scenario: "tg" });
        Assert.Equal("measured", measured.Estimate);
        Assert.Equal(3 * (1.5 + 2.5), measured.EstimatedSeconds, 1e-9);
        var partly = preview.Rows.Single(r => r is { Model: "small", Node: "cpu-2", Scenario: "tg" });
        Assert.Equal("partly measured", partly.Estimate);
        Assert.Equal(3, partly.MeasuredJobs);
        var guess = JobTimeGuess.Seconds(Matrix.Jobs.First(j => j.Point.Id == tgPoints[1]), "cpu");
        Assert.Equal((3 * 4) + (3 * guess), partly.EstimatedSeconds, 1e-9);
        Assert.Equal(9, preview.MeasuredJobs);
    }

    [Fact]
    public void The_wall_time_is_the_busiest_nodes_share()
    {
        var preview = Build(Place(m => m == "small" ? ["cpu-1"] : ["cpu-2"]), []);

        var perNode = preview.Rows.GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Sum(r => r.EstimatedSeconds));
        Assert.Equal(perNode.Values.Max(), preview.WallSeconds, 1e-9);
        Assert.Equal(perNode.Values.Sum(), preview.MachineSeconds, 1e-9);
        Assert.True(preview.WallSeconds < preview.MachineSeconds);
    }

    [Fact]
    public void A_gpu_node_is_guessed_faster_than_a_cpu_node_and_an_open_loop_waits_for_its_arrivals()
    {
        var tg = Matrix.Jobs.First(j => j.Model.Name == "small" && j.Scenario.Kind == ScenarioKind.Tg);
        Assert.True(JobTimeGuess.Seconds(tg, "gpu") < JobTimeGuess.Seconds(tg, "cpu"));

        var slow = new SuiteParser().Parse("""
            models: [{name: api, endpoint: {base_url: "http://127.0.0.1:1/v1", model: m}}]
            warmup: 0
            scenarios: [{kind: poisson, requests: 10, workload: {prompt_tokens: 1, output_tokens: 1}, parameters: {rate: [0.5]}}]
            """);
        // 10 requests at 0.5 req/s arrive over 20 s, far longer than their tokens take.
        Assert.Equal(20, JobTimeGuess.Seconds(MatrixExpander.Expand(slow).Jobs[0], "cpu"), 1e-9);
    }

    [Fact]
    public void Problems_make_the_plan_not_runnable()
    {
        var preview = RunPreviewBuilder.Build(Definition, Matrix, [], [], ["model small is held by no eligible node"], []);

        Assert.False(preview.Runnable);
        Assert.Equal(0, preview.TotalJobs);
    }

    private static RunPreview Build(IReadOnlyList<PlacedPoint> placements, IReadOnlyList<SkippedCombination> nodeSkips, IReadOnlyList<MeasuredJobTime>? history = null) =>
        RunPreviewBuilder.Build(Definition, Matrix, placements, nodeSkips, [], history ?? []);

    /// <summary>Every point of the matrix on the nodes <paramref name="nodesOf"/> gives its model, one job per repetition.</summary>
    private static List<PlacedPoint> Place(Func<string, string[]> nodesOf) =>
        Matrix.JobsByPoint()
            .SelectMany(point => nodesOf(point.First().Model.Name).Select(node => new PlacedPoint(point.Key, node, "cpu", point.Count())))
            .ToList();
}
