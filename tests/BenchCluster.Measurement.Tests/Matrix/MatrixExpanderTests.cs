using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Measurement.Tests.Matrix;

public sealed class MatrixExpanderTests
{
    private static SuiteDefinition Parse(string yaml) => new SuiteParser().Parse(yaml);

    [Fact]
    public void Jobs_are_models_times_scenarios_times_the_parameter_cross_product_times_repetitions()
    {
        var suite = Parse("""
            repetitions: 3
            models: [{preset: tiny, type: q8_0}, {preset: tiny, type: f16}]
            scenarios: [{kind: pp}, {kind: tg}]
            parameters: {threads: [1, 2, 4], depth: [0, 512]}
            """);

        var plan = MatrixExpander.Expand(suite);

        Assert.Equal(2 * 2 * 3 * 2, plan.Points.Count);
        Assert.Equal(2 * 2 * 3 * 2 * 3, plan.Jobs.Count);
        Assert.Equal(plan.Points.Count, plan.Points.Select(p => p.Id).Distinct().Count());
        Assert.All(plan.JobsByPoint(), group => Assert.Equal([0, 1, 2], group.Select(j => j.Repetition)));
    }

    [Fact]
    public void Parameters_that_do_not_apply_do_not_multiply_the_matrix()
    {
        var suite = Parse("""
            repetitions: 1
            models:
              - {preset: tiny, type: q8_0}
              - {name: api, endpoint: {base_url: "http://localhost:8080/v1", model: m}}
            scenarios:
              - kind: pp
              - kind: poisson
            parameters: {threads: [1, 2], depth: [0, 128], rate: [1, 2, 3]}
            """);

        var plan = MatrixExpander.Expand(suite);

        // tiny: pp 2 threads × 2 depths = 4; poisson 2 threads × 3 rates = 6. api: poisson 3 rates; pp skipped.
        Assert.Equal(4 + 6 + 3, plan.Points.Count);
        var skipped = Assert.Single(plan.Skipped);
        Assert.Equal(("api", "pp"), (skipped.Model, skipped.Scenario));
        Assert.Contains("remote endpoint", skipped.Reason, StringComparison.Ordinal);
        Assert.All(plan.Jobs.Where(j => j.Model.Name == "api"), j => Assert.Null(j.Parameters.Threads));
        Assert.All(plan.Jobs.Where(j => j.Scenario.Kind == ScenarioKind.Poisson), j => Assert.Equal(0, j.Parameters.Depth));
    }

    [Fact]
    public void Scenario_lists_replace_suite_lists_of_the_same_name()
    {
        var suite = Parse("""
            repetitions: 1
            models: [{preset: tiny, type: q8_0}]
            scenarios:
              - kind: tg
                parameters: {threads: [8]}
              - kind: pp
            parameters: {threads: [1, 2]}
            """);

        var plan = MatrixExpander.Expand(suite);

        Assert.Equal([8], plan.Jobs.Where(j => j.Scenario.Kind == ScenarioKind.Tg).Select(j => j.Parameters.Threads!.Value));
        Assert.Equal([1, 2], plan.Jobs.Where(j => j.Scenario.Kind == ScenarioKind.Pp).Select(j => j.Parameters.Threads!.Value));
    }

    [Fact]
    public void Expansion_is_deterministic_and_seeds_differ_per_repetition()
    {
        const string yaml = """
            repetitions: 4
            models: [{preset: tiny, type: q8_0}]
            scenarios: [{kind: tg}]
            parameters: {threads: [1, 2]}
            """;

        var first = MatrixExpander.Expand(Parse(yaml));
        var second = MatrixExpander.Expand(Parse(yaml));

        Assert.Equal(first.Jobs.Select(j => (j.Point.Id, j.Repetition, j.Seed)), second.Jobs.Select(j => (j.Point.Id, j.Repetition, j.Seed)));
        Assert.All(first.JobsByPoint(), group => Assert.Equal(4, group.Select(j => j.Seed).Distinct().Count()));
        Assert.Equal("tiny-q8_0/tg[threads=1]", first.Points[0].Label);
    }

    [Fact]
    public void The_point_key_changes_with_the_suite_seed_never_but_with_any_setting()
    {
        var a = MatrixExpander.Expand(Parse("seed: 1\nmodels: [{preset: tiny, type: q8_0}]\nscenarios: [{kind: tg, output_tokens: 64}]"));
        var b = MatrixExpander.Expand(Parse("seed: 2\nmodels: [{preset: tiny, type: q8_0}]\nscenarios: [{kind: tg, output_tokens: 64}]"));
        var c = MatrixExpander.Expand(Parse("seed: 1\nmodels: [{preset: tiny, type: q8_0}]\nscenarios: [{kind: tg, output_tokens: 65}]"));

        Assert.Equal(a.Points[0].Id, b.Points[0].Id);
        Assert.NotEqual(a.Jobs[0].Seed, b.Jobs[0].Seed);
        Assert.NotEqual(a.Points[0].Id, c.Points[0].Id);
    }

    [Fact]
    public void Prices_and_workloads_that_do_not_change_the_measurement_keep_the_point_key()
    {
        IReadOnlyList<PointKey> Points(string price, string outputTokens, string kind) => MatrixExpander.Expand(Parse($$$"""
            models: [{name: api, endpoint: {base_url: "https://h/v1", model: m, price_input_per_mtok: {{{price}}}}}, {preset: tiny, type: q8_0}]
            workload: {output_tokens: {{{outputTokens}}}}
            scenarios: [{kind: {{{kind}}}, parameters: {concurrency: 1}}]
            """)).Points;

        // The endpoint's price is a cost input, not part of what is measured.
        Assert.Equal(Points("1", "64", "concurrency")[0].Id, Points("2", "64", "concurrency")[0].Id);
        // A batched run sends no requests, so the suite's workload is not part of its point.
        Assert.Equal(Points("1", "64", "batched")[^1].Id, Points("1", "32", "batched")[^1].Id);
        // A request-level scenario's workload is.
        Assert.NotEqual(Points("1", "64", "concurrency")[^1].Id, Points("1", "32", "concurrency")[^1].Id);
    }

    [Fact]
    public void The_example_suite_expands_to_20_jobs()
    {
        var suite = new SuiteParser().ParseFile(Path.Combine(BenchCluster.Testing.RepositoryPaths.Root, "benchmarks.yaml"));
        var plan = MatrixExpander.Expand(suite);

        Assert.Equal(4, plan.Points.Count);
        Assert.Equal(20, plan.Jobs.Count);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void Engine_settings_follow_the_job()
    {
        var suite = Parse("""
            models: [{preset: tiny, type: q8_0}]
            scenarios: [{kind: pg, prompt_tokens: 100, output_tokens: 20}, {kind: batched, prompt_tokens: 10, output_tokens: 5, parameters: {concurrency: 4}}]
            parameters: {threads: 3, ubatch: 256, kv_type: q8_0, gpu_layers: 99, depth: 50}
            """);
        var jobs = MatrixExpander.Expand(suite).Jobs;
        var pg = jobs.First(j => j.Scenario.Kind == ScenarioKind.Pg);
        var batched = jobs.First(j => j.Scenario.Kind == ScenarioKind.Batched);

        var options = EngineSettings.SessionOptions(pg);
        Assert.Equal((3, 256, Engine.Inference.KvCacheType.Q8_0, 1, 170), (options.Threads, options.MicroBatchSize, options.KvCacheType, options.MaxSequences, options.ContextSize));
        Assert.Equal(99, EngineSettings.LoadOptions(pg).GpuLayers);
        var batchedOptions = EngineSettings.SessionOptions(batched);
        Assert.Equal((4, 60), (batchedOptions.MaxSequences, batchedOptions.ContextSize));
    }
}
