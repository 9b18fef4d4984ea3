using System.Diagnostics;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing.Reliability;
using static BenchCluster.Cluster.Tests.Unit.RunPlannerTests;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>A quality job goes where its reference is, carrying that node's file; elsewhere it is skipped, naming the reference.</summary>
public sealed class QualityPlanningTests
{
    private static readonly Guid RunId = Guid.Parse("99999999-2222-3333-4444-555555555555");

    private const string Suite = """
        repetitions: 3
        models:
          - {name: f16, preset: tiny, type: f16}
          - {name: q4, preset: tiny, type: q4_k_m}
        scenarios:
          - {name: ppl, kind: quality, reference: f16}
          - {name: speed, kind: pp}
        parameters: {threads: [1, 2]}
        """;

    private static readonly WorkerNode Both = Node("both", "cpu", Preset("tiny", "F16", "sha-f16"), Preset("tiny", "Q4_K_M", "sha-q4"));
    private static readonly WorkerNode QuantOnly = Node("quant-only", "cpu", Preset("tiny", "Q4_K_M", "sha-q4-b"));

    private static SuiteDefinition Parse(string yaml) => new SuiteParser().Parse(yaml, "quality.yaml");

    [Fact]
    public void The_job_carries_the_sha256_of_the_reference_on_its_node_and_a_node_without_it_is_skipped_naming_it()
    {
        var plan = RunPlanner.Plan(RunId, Parse(Suite), [Both, QuantOnly]);

        Assert.Empty(plan.Errors);
        var quality = plan.Jobs.Where(j => j.Spec.Scenario.Kind == ScenarioKind.Quality && j.Spec.Model.Name == "q4").ToList();
        Assert.Equal(2, quality.Count);
        Assert.All(quality, j => Assert.Equal(("both", new QualityReferenceModel("f16", "sha-f16", null)), (j.NodeName, j.Spec.Reference)));
        Assert.Equal(2 * 3, plan.Jobs.Count(j => j.Spec.Model.Name == "q4" && j.NodeName == "quant-only"));
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal(("q4", "quant-only"), (skip.Model, skip.NodeName));
        Assert.Contains("quant-only does not hold f16 (forged preset tiny, f16), the reference of quality scenario ppl for q4", skip.Reason, StringComparison.Ordinal);
        Assert.Contains("--models folder", skip.Reason, StringComparison.Ordinal);
        Assert.All(plan.Jobs.Where(j => j.Spec.Model.Name == "f16" && j.Spec.Scenario.Kind == ScenarioKind.Quality), j => Assert.Null(j.Spec.Reference));
    }

    [Fact]
    public void A_reference_gguf_is_matched_by_file_name_on_each_node()
    {
        var suite = Parse(Suite.Replace("reference: f16", "reference: /srv/models/base-f16.gguf", StringComparison.Ordinal));
        var holder = Node("holder", "cpu", Preset("tiny", "Q4_K_M", "sha-q4"), Preset("tiny", "F16", "sha-f16"), new HeldModel("sha-base", "base-f16.gguf", 1, "qwen2", "F16", false, null));

        var plan = RunPlanner.Plan(RunId, suite, [holder, QuantOnly]);

        var placed = plan.Jobs.Where(j => j.Spec.Scenario.Kind == ScenarioKind.Quality).ToList();
        Assert.Equal(4, placed.Count);
        Assert.All(placed, j => Assert.Equal(("holder", "sha-base"), (j.NodeName, j.Spec.Reference!.Sha256)));
        Assert.Contains(plan.Skipped, s => s.NodeName == "quant-only" && s.Reason.Contains("(file base-f16.gguf)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dry_run_outline_lists_the_reference_skip_and_a_joining_node_gets_quality_jobs_only_with_the_reference()
    {
        var suite = Parse(Suite);
        var outline = RunOutliner.Outline(suite, [Both, QuantOnly], MatrixLimits.DefaultMaxJobs);

        Assert.Contains(outline.Skipped, s => s.Model == "q4" && s.NodeName == "quant-only" && s.Reason.Contains("the reference of quality scenario ppl", StringComparison.Ordinal));
        var matrix = MatrixExpander.Expand(suite);
        Assert.DoesNotContain(RunPlanner.PlanJoined(RunId, suite, matrix, QuantOnly), j => j.Spec.Scenario.Kind == ScenarioKind.Quality);
        var joined = RunPlanner.PlanJoined(RunId, suite, matrix, Both).Where(j => j.Spec.Scenario.Kind == ScenarioKind.Quality && j.Spec.Model.Name == "q4").ToList();
        Assert.Equal(2, joined.Count);
        Assert.All(joined, j => Assert.Equal("sha-f16", j.Spec.Reference!.Sha256));
        Assert.Equal(RunPlanner.Plan(RunId, suite, [Both]).Jobs.Select(j => j.JobId).Order(), RunPlanner.PlanJoined(RunId, suite, matrix, Both).Select(j => j.JobId).Order());
    }

    [Fact]
    public void A_reference_of_another_architecture_refuses_the_run_naming_both_files()
    {
        var suite = Parse(Suite.Replace("reference: f16", "reference: /srv/other-f16.gguf", StringComparison.Ordinal));
        var node = Node("mixed", "cpu", Preset("tiny", "F16", "sha-f16"), Preset("tiny", "Q4_K_M", "sha-q4"), new HeldModel("sha-other", "other-f16.gguf", 1, "llama", "F16", false, null));

        var clock = Stopwatch.StartNew();
        var plan = RunPlanner.Plan(RunId, suite, [node]);
        var elapsed = clock.Elapsed;

        Assert.Empty(plan.Jobs);
        Assert.Equal(2, plan.Errors.Count); // one per model: f16 and q4 both name the same foreign reference
        Assert.All(plan.Errors, e => Assert.Contains("the reference /srv/other-f16.gguf (file other-f16.gguf) is a llama model on mixed", e, StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Contains("but q4 (synthetic-tiny.gguf) is qwen2", StringComparison.Ordinal));
        Assert.All(plan.Errors, e => Assert.Contains("name its F16 sibling", e, StringComparison.Ordinal));
        ReliabilityLog.BadInput(new BadInputRecord("suite", "quality reference .gguf of another architecture (llama) than the models (qwen2)", 1,
            $"run refused at planning in {elapsed.TotalMilliseconds:F1} ms, before any model is loaded, naming both files and the fix",
            nameof(A_reference_of_another_architecture_refuses_the_run_naming_both_files)));
    }
}
