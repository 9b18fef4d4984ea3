using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Planning;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Measurement.Tests.Matrix;

/// <summary>Quality jobs in the matrix: their reference, one job per point, no endpoint, their context and time guess.</summary>
public sealed class QualityMatrixTests
{
    private const string Suite = """
        repetitions: 3
        models:
          - {name: f16, preset: tiny, type: f16}
          - {name: q4, preset: tiny, type: q4_k_m}
          - {name: api, endpoint: {base_url: "http://127.0.0.1:9911/v1", model: x}}
        scenarios:
          - {name: ppl, kind: quality, reference: f16, context: 256, max_windows: 10}
          - {name: speed, kind: pp}
        parameters: {threads: [1, 2]}
        """;

    private static SuiteDefinition Parse(string yaml) => new SuiteParser().Parse(yaml, "quality.yaml");

    private static IEnumerable<JobSpec> Quality(MatrixPlan plan) => plan.Jobs.Where(j => j.Scenario.Kind == ScenarioKind.Quality);

    [Fact]
    public void A_quality_point_is_one_job_whatever_the_suite_repetitions_and_the_job_count_agrees()
    {
        var suite = Parse(Suite);
        var plan = MatrixExpander.Expand(suite);

        Assert.Equal(2 * 2, Quality(plan).Count());
        Assert.All(Quality(plan), j => Assert.Equal((0, 1), (j.Repetition, j.RepetitionCount)));
        Assert.Equal(3, plan.Jobs.First(j => j.Scenario.Kind == ScenarioKind.Pp).RepetitionCount);
        Assert.Equal(plan.Jobs.Count, (int)JobCount.Of(suite).Jobs);
    }

    [Fact]
    public void The_scenario_reference_is_named_a_model_that_is_its_own_reference_is_perplexity_only_and_endpoints_are_skipped()
    {
        var plan = MatrixExpander.Expand(Parse(Suite));

        Assert.All(Quality(plan).Where(j => j.Model.Name == "q4"), j => Assert.Equal(new QualityReferenceModel("f16", null, null), j.Reference));
        Assert.All(Quality(plan).Where(j => j.Model.Name == "f16"), j => Assert.Null(j.Reference));
        Assert.DoesNotContain(plan.Jobs, j => j.Model.Name == "api");
        var skip = Assert.Single(plan.Skipped, s => s.Scenario == "ppl");
        Assert.Equal("api", skip.Model);
        Assert.Contains("quality scores the in-process engine's logits; api is a remote endpoint", skip.Reason, StringComparison.Ordinal);
        Assert.All(plan.Jobs.Where(j => j.Scenario.Kind != ScenarioKind.Quality), j => Assert.Null(j.Reference));
    }

    [Fact]
    public void Without_a_scenario_reference_the_models_from_parent_is_the_default_and_a_gguf_path_is_kept_as_a_path()
    {
        var parsed = Parse(Suite.Replace("reference: f16, ", "", StringComparison.Ordinal));
        var suite = parsed with { Models = [parsed.Models[0], parsed.Models[1] with { From = "f16" }] };

        var jobs = Quality(MatrixExpander.Expand(suite)).ToList();

        Assert.All(jobs.Where(j => j.Model.Name == "q4"), j => Assert.Equal("f16", j.Reference!.Name));
        Assert.All(jobs.Where(j => j.Model.Name == "f16"), j => Assert.Null(j.Reference));
        var byPath = Quality(MatrixExpander.Expand(Parse(Suite.Replace("reference: f16", "reference: /models/base-f16.gguf", StringComparison.Ordinal)))).ToList();
        Assert.All(byPath, j => Assert.Equal(new QualityReferenceModel("/models/base-f16.gguf", null, "/models/base-f16.gguf"), j.Reference));
        Assert.Equal(["/models/base-f16.gguf"], QualityReferences.FileModels(Parse(Suite.Replace("reference: f16", "reference: /models/base-f16.gguf", StringComparison.Ordinal))).Select(m => m.Path));
    }

    [Fact]
    public void A_quality_session_holds_one_window_of_the_scenario_context()
    {
        var job = Quality(MatrixExpander.Expand(Parse(Suite))).First();

        var options = EngineSettings.SessionOptions(job);

        Assert.Equal(256, options.ContextSize);
        Assert.Equal(1, options.MaxSequences);
    }

    [Fact]
    public void The_time_guess_counts_the_windows_twice_with_a_reference_and_adds_the_tasks()
    {
        var jobs = Quality(MatrixExpander.Expand(Parse(Suite.Replace("max_windows: 10", "max_windows: 10, tasks: bundled, max_tasks: 5", StringComparison.Ordinal)))).ToList();
        var withReference = jobs.First(j => j.Model.Name == "q4");
        var alone = jobs.First(j => j.Model.Name == "f16");

        var tasks = 5 * (QualityJobGuess.TokensPerTaskContext + (QualityJobGuess.EndingsPerTask * QualityJobGuess.TokensPerEnding));
        Assert.Equal(((10 * 256 * 2) + tasks) / JobTimeGuess.CpuPromptTokensPerSecond, JobTimeGuess.Seconds(withReference, "cpu"), 6);
        Assert.Equal(((10 * 256) + tasks) / JobTimeGuess.CpuPromptTokensPerSecond, JobTimeGuess.Seconds(alone, "cpu"), 6);
    }

    [Fact]
    public void The_dry_run_row_of_a_quality_point_names_its_reference()
    {
        var suite = Parse(Suite);
        var matrix = MatrixExpander.Expand(suite);
        var placements = matrix.Points.Select(p => new PlacedPoint(p.Id, "n1", "cpu", 1)).ToList();

        var preview = RunPreviewBuilder.Build(suite, matrix, placements, [], [], []);

        Assert.Equal("f16", preview.Rows.Single(r => r.Model == "q4" && r.Scenario == "ppl").Reference);
        Assert.Null(preview.Rows.Single(r => r.Model == "f16" && r.Scenario == "ppl").Reference);
        Assert.All(preview.Rows.Where(r => r.Scenario == "speed"), r => Assert.Null(r.Reference));
    }

    [Fact]
    public void A_quality_job_reaches_the_worker_with_its_spec_and_reference_unchanged()
    {
        var job = Quality(MatrixExpander.Expand(Parse(Suite.Replace("max_windows: 10", "max_windows: 10, tasks: bundled, max_tasks: 5", StringComparison.Ordinal))))
            .First(j => j.Model.Name == "q4") with { Reference = new QualityReferenceModel("f16", "abc123", null) };

        var json = MeasurementJson.Serialize(job);
        var back = MeasurementJson.Deserialize<JobSpec>(json);

        Assert.Equal(job.Scenario.Quality, back.Scenario.Quality);
        Assert.Equal(job.Reference, back.Reference);
        Assert.Equal(ScenarioKind.Quality, back.Scenario.Kind);
        Assert.Equal(json, MeasurementJson.Serialize(back));
    }
}
