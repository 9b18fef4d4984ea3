using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite.Parsing;
using static BenchCluster.Cluster.Tests.Unit.RunPlannerTests;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>A dry run's placement is the planner's, per point and node, with the model × node combinations left out and why.</summary>
public sealed class RunOutlinerTests
{
    private static readonly WorkerNode[] Workers =
    [
        Node("cpu-1", "cpu", Preset("tiny", "F16", "a"), Preset("qwen2.5-0.5b", "Q4_K_M", "b")),
        Node("cpu-2", "cpu", Preset("tiny", "F16", "a")),
        Node("gpu-1", "gpu", Preset("tiny", "F16", "a")),
    ];

    [Fact]
    public void Points_are_placed_as_the_planner_places_their_jobs()
    {
        var suite = new SuiteParser().Parse(Suite);

        var outline = RunOutliner.Outline(suite, Workers, MatrixLimits.DefaultMaxJobs);
        var plan = RunPlanner.Plan(Guid.NewGuid(), suite, Workers);

        Assert.Empty(outline.Problems);
        Assert.Equal(plan.Jobs.Count, outline.Points.Sum(p => p.Jobs));
        // RunPlannerTests.Suite: small on cpu-1 and cpu-2, big on cpu-1 only; 2 scenarios × 2 thread counts, 3 repetitions per point.
        Assert.Equal(4 * 3, outline.Points.Count);
        Assert.All(outline.Points, p => Assert.Equal(3, p.Jobs));
        Assert.All(outline.Points, p => Assert.Equal("cpu", p.DeviceKind));
        Assert.Equal(["cpu-1", "cpu-2"], outline.Points.Select(p => p.NodeName).Distinct().Order());
    }

    [Fact]
    public void Excluded_nodes_and_nodes_without_the_model_are_skipped_with_their_reason()
    {
        var outline = RunOutliner.Outline(new SuiteParser().Parse(Suite), Workers, MatrixLimits.DefaultMaxJobs);

        var excluded = Assert.Single(outline.Skipped, s => s.NodeName == "gpu-1");
        Assert.Null(excluded.Model);
        Assert.Contains("node selectors exclude gpu-1", excluded.Reason, StringComparison.Ordinal);
        var notHeld = Assert.Single(outline.Skipped, s => s.NodeName == "cpu-2");
        Assert.Equal("big", notHeld.Model);
        Assert.Contains("cpu-2 does not hold big", notHeld.Reason, StringComparison.Ordinal);
        Assert.Equal(2, outline.Skipped.Count);
    }

    [Fact]
    public void A_suite_the_planner_refuses_gives_the_same_errors_and_no_points()
    {
        var suite = new SuiteParser().Parse(Suite);
        WorkerNode[] onlySmall = [Node("cpu-2", "cpu", Preset("tiny", "F16", "a"))];

        var outline = RunOutliner.Outline(suite, onlySmall, MatrixLimits.DefaultMaxJobs);

        Assert.Empty(outline.Points);
        Assert.Equal(RunPlanner.Plan(Guid.NewGuid(), suite, onlySmall).Errors, outline.Problems);
        Assert.Contains("big", Assert.Single(outline.Problems), StringComparison.Ordinal);
    }
}
