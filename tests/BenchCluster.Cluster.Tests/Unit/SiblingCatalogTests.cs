using BenchCluster.Engine.Quantization;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Siblings;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Grains.Worker;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>A real sibling on a worker's disk: the catalog reads its parent SHA-256 and type, and the matcher places the suite's from: model on it.</summary>
public sealed class SiblingCatalogTests
{
    [Fact]
    public async Task Worker_catalog_reads_the_sibling_marker_and_the_matcher_finds_the_file()
    {
        var folder = RepositoryPaths.Scratch(Path.Combine(nameof(SiblingCatalogTests), "models"));
        var parent = Path.Combine(folder, "synthetic-tiny-f16-s0.gguf");
        File.Copy(TestModels.TinyModelPath, parent, overwrite: true);
        Assert.True(QuantizationTypes.TryParse("q8_0", out var q8));
        await ModelQuantizer.QuantizeAsync(parent, Path.Combine(folder, "tiny-q8_0-sibling.gguf"), q8, threads: 2);

        var catalog = await ModelCatalog.ScanAsync([folder], NullLogger.Instance, CancellationToken.None);
        var node = RunPlannerTests.Node("cpu-1", "cpu", catalog.Models.Select(m => m.Model).ToArray());
        var suite = new SuiteParser().Parse("""
            models:
              - {name: base, preset: tiny, type: f16}
              - {name: eight, from: base, type: q8_0}
            scenarios:
              - {name: tg, kind: tg, output_tokens: 8}
            """, "s.yaml");

        var parentSha = await ModelFileDigest.GetSha256Async(parent);
        var sibling = Assert.Single(catalog.Models, m => m.Model.ParentSha256 is not null).Model;
        Assert.Equal((parentSha, "q8_0"), (sibling.ParentSha256, sibling.SiblingType));
        Assert.Equal(parentSha, ModelMatcher.Find(suite.Models[0], node, suite.Models)!.Sha256);
        Assert.Equal(sibling.Sha256, ModelMatcher.Find(suite.Models[1], node, suite.Models)!.Sha256);
    }
}
