using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>A <c>from:</c> model matches only a file quantized, with its type, from the file that matched its parent on that node.</summary>
public sealed class SiblingMatchingTests
{
    private const string Suite = """
        models:
          - {name: base, preset: tiny, type: f16}
          - {name: q4, from: base, type: q4_k_m}
          - {name: q8, from: base, type: q8_0}
        scenarios:
          - {name: pp, kind: pp, prompt_tokens: 16}
        """;

    private static HeldModel Sibling(string parentSha, string type, string sha) =>
        new(sha, $"sibling-{sha}.gguf", 1, "qwen2", type.ToUpperInvariant(), true, "tiny", parentSha, type);

    [Fact]
    public void A_sibling_matches_the_file_quantized_from_its_parents_file_with_its_type()
    {
        var suite = new SuiteParser().Parse(Suite, "s.yaml");
        var node = RunPlannerTests.Node("cpu-1", "cpu",
            Sibling("other-parent", "q4_k_m", "wrong-parent"),
            RunPlannerTests.Preset("tiny", "F16", "parent"),
            Sibling("parent", "q8_0", "right-q8"),
            Sibling("parent", "q4_k_m", "right-q4"));

        Assert.Equal("parent", ModelMatcher.Find(suite.Models[0], node, suite.Models)!.Sha256);
        Assert.Equal("right-q4", ModelMatcher.Find(suite.Models[1], node, suite.Models)!.Sha256);
        Assert.Equal("right-q8", ModelMatcher.Find(suite.Models[2], node, suite.Models)!.Sha256);
    }

    [Fact]
    public void No_sibling_matches_where_the_node_lacks_the_parent_or_holds_another_parents_sibling()
    {
        var suite = new SuiteParser().Parse(Suite, "s.yaml");
        var withoutParent = RunPlannerTests.Node("cpu-1", "cpu", Sibling("parent", "q4_k_m", "orphan"));
        var otherParent = RunPlannerTests.Node("cpu-2", "cpu", RunPlannerTests.Preset("tiny", "F16", "parent-b"), Sibling("parent-a", "q4_k_m", "of-a"));

        Assert.Null(ModelMatcher.Find(suite.Models[1], withoutParent, suite.Models));
        Assert.Null(ModelMatcher.Find(suite.Models[1], otherParent, suite.Models));
        Assert.Null(ModelMatcher.Find(suite.Models[1], RunPlannerTests.Node("cpu-3", "cpu", RunPlannerTests.Preset("tiny", "F16", "p"), Sibling("p", "q4_k_m", "s")), suiteModels: null));
    }

    [Fact]
    public void A_forged_preset_is_not_mistaken_for_a_sibling_that_kept_its_synthetic_marker()
    {
        var suite = new SuiteParser().Parse("""
            models:
              - {name: forged-q4, preset: tiny, type: q4_k_m}
            scenarios:
              - {name: pp, kind: pp, prompt_tokens: 16}
            """, "s.yaml");
        var node = RunPlannerTests.Node("cpu-1", "cpu", Sibling("parent", "q4_k_m", "sibling"), RunPlannerTests.Preset("tiny", "q4_k_m", "forged"));

        Assert.Equal("forged", ModelMatcher.Find(suite.Models[0], node, suite.Models)!.Sha256);
    }

    [Fact]
    public void The_planner_places_siblings_only_on_nodes_holding_parent_and_sibling()
    {
        var suite = new SuiteParser().Parse(Suite, "s.yaml");
        var full = RunPlannerTests.Node("cpu-1", "cpu", RunPlannerTests.Preset("tiny", "F16", "p1"), Sibling("p1", "q4_k_m", "a"), Sibling("p1", "q8_0", "b"));
        var partial = RunPlannerTests.Node("cpu-2", "cpu", RunPlannerTests.Preset("tiny", "F16", "p2"), Sibling("p2", "q8_0", "c"));

        var plan = RunPlanner.Plan(Guid.NewGuid(), suite, [full, partial]);

        Assert.Empty(plan.Errors);
        Assert.Equal(["cpu-1"], plan.Jobs.Where(j => j.Spec.Model.Name == "q4").Select(j => j.NodeName).Distinct());
        Assert.Equal(["b", "c"], plan.Jobs.Where(j => j.Spec.Model.Name == "q8").Select(j => j.ModelSha256!).Distinct().Order());
    }
}
