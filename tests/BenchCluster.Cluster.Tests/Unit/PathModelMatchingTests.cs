using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>
/// A path model is matched by its file name; where a node holds several different files of that name (the families
/// of two recipes, say), the node is not given the model and the plan says why, instead of measuring whichever file
/// the scan found first.
/// </summary>
public sealed class PathModelMatchingTests
{
    private const string Suite = """
        models:
          - {name: f16, path: /models/family-b/trained-tiny-f16.gguf}
        scenarios:
          - {name: pp, kind: pp, prompt_tokens: 16}
        """;

    private static readonly Guid RunId = Guid.Parse("11111111-2222-3333-4444-666666666666");

    private static HeldModel File(string sha) => new(sha, "trained-tiny-f16.gguf", 1, "llama", "F16", false, null);

    [Fact]
    public void One_file_of_the_name_matches_and_so_do_copies_with_the_same_contents()
    {
        var suite = new SuiteParser().Parse(Suite, "s.yaml");

        Assert.Equal("aaa", ModelMatcher.Find(suite.Models[0], RunPlannerTests.Node("cpu-1", "cpu", File("aaa")), suite.Models)!.Sha256);
        var linkAndFile = RunPlannerTests.Node("cpu-1", "cpu", File("aaa"), File("AAA"));
        Assert.Equal("aaa", ModelMatcher.Find(suite.Models[0], linkAndFile, suite.Models)!.Sha256);
        Assert.Null(ModelMatcher.Ambiguity(suite.Models[0], linkAndFile));
    }

    [Fact]
    public void Two_different_files_of_the_name_match_nothing_and_the_plan_names_the_clash_and_the_fix()
    {
        var suite = new SuiteParser().Parse(Suite, "s.yaml");
        var node = RunPlannerTests.Node("cpu-1", "cpu", File("0123456789abcdef-old"), File("fedcba9876543210-new"));

        Assert.Null(ModelMatcher.Find(suite.Models[0], node, suite.Models));
        var plan = RunPlanner.Plan(RunId, suite, [node]);

        Assert.Empty(plan.Jobs);
        var error = Assert.Single(plan.Errors);
        Assert.Contains("cpu-1 holds 2 different files named trained-tiny-f16.gguf (SHA-256 0123456789ab, fedcba987654)", error, StringComparison.Ordinal);
        Assert.Contains("give each file a name of its own", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_with_a_clash_is_skipped_with_its_reason_while_a_node_with_one_file_runs_the_model()
    {
        var suite = new SuiteParser().Parse(Suite, "s.yaml");
        var clash = RunPlannerTests.Node("cpu-1", "cpu", File("old"), File("new"));
        var clean = RunPlannerTests.Node("cpu-2", "cpu", File("new"));

        var plan = RunPlanner.Plan(RunId, suite, [clash, clean]);

        Assert.Empty(plan.Errors);
        Assert.All(plan.Jobs, job => Assert.Equal("cpu-2", job.NodeName));
        Assert.Contains(RunOutliner.Skips(suite, [clash, clean]), skip => skip.NodeName == "cpu-1" && skip.Reason.Contains("2 different files named", StringComparison.Ordinal));
    }
}
