using System.Diagnostics;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Worker;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Cluster.Tests.Unit.Worker;

/// <summary>The worker turns a quality job's reference into one of its own catalogued files, never an arbitrary path.</summary>
public sealed class QualityReferenceResolverTests
{
    private const string Cache = "/models/.quality-cache";
    private static readonly CatalogEntry Parent = new("/models/tiny-f16.gguf", new HeldModel("aa11", "tiny-f16.gguf", 1000, "qwen2", "F16", true, "tiny"));
    private static readonly ModelCatalog Catalog = new([Parent], []);

    private static JobSpec Job(ScenarioKind kind, QualityReferenceModel? reference)
    {
        var suite = new SuiteParser().Parse("""
            models: [{preset: tiny, type: q8_0}]
            scenarios:
              - {kind: pp, prompt_tokens: 8}
            """);
        var job = MatrixExpander.Expand(suite).Jobs[0];
        return job with { Scenario = job.Scenario with { Kind = kind }, Reference = reference };
    }

    [Fact]
    public void A_reference_by_sha256_becomes_the_catalogued_file()
    {
        var files = QualityReferenceResolver.Resolve(Job(ScenarioKind.Quality, new("tiny-f16", "AA11", null)), Catalog, Cache, "n1");

        Assert.Equal(new EngineProcess.Jobs.EngineQualityFiles(Parent.Path, "aa11", Cache), files);
    }

    [Fact]
    public void A_reference_path_is_accepted_only_as_a_file_of_the_catalog()
    {
        var inside = QualityReferenceResolver.Resolve(Job(ScenarioKind.Quality, new("p", null, "/models/../models/tiny-f16.gguf")), Catalog, Cache, "n1");

        Assert.Equal(Parent.Path, inside!.ReferencePath);
    }

    [Fact]
    public void Jobs_other_than_quality_carry_no_files_and_perplexity_alone_carries_only_the_cache()
    {
        Assert.Null(QualityReferenceResolver.Resolve(Job(ScenarioKind.Pp, null), Catalog, Cache, "n1"));
        Assert.Equal(new EngineProcess.Jobs.EngineQualityFiles(null, null, Cache), QualityReferenceResolver.Resolve(Job(ScenarioKind.Quality, null), Catalog, Cache, "n1"));
    }

    [Fact]
    public void A_reference_outside_the_worker_s_model_folders_or_not_held_is_refused_with_what_to_do()
    {
        var clock = Stopwatch.StartNew();
        var outside = Assert.Throws<QualityReferenceException>(() =>
            QualityReferenceResolver.Resolve(Job(ScenarioKind.Quality, new("secret", null, "/etc/passwd")), Catalog, Cache, "n1"));
        var missing = Assert.Throws<QualityReferenceException>(() =>
            QualityReferenceResolver.Resolve(Job(ScenarioKind.Quality, new("gone", "ff00", null)), Catalog, Cache, "n1"));
        clock.Stop();

        Assert.Contains("/etc/passwd", outside.Message);
        Assert.Contains("model folders", outside.Message);
        Assert.Contains("n1", missing.Message);
        Assert.Contains("ff00", missing.Message);
        ReliabilityLog.BadInput(new BadInputRecord("suite quality reference", "reference path outside the worker's model folders; reference SHA-256 the worker does not hold", 2,
            $"job failed with the node, the file and the fix in {clock.Elapsed.TotalMilliseconds:F2} ms, nothing opened",
            nameof(A_reference_outside_the_worker_s_model_folders_or_not_held_is_refused_with_what_to_do)));
    }
}
