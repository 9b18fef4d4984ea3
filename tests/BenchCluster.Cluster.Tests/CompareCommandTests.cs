using System.Diagnostics;
using System.Text.Json;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// `benchcluster compare` on two local-mode runs of one suite, at 1 and at 2 threads. Which side is faster depends on
/// the machine (on a loaded 2-core box 2 spinning threads can lose to 1), so the test compares both ways: one
/// direction must flag its slower points as regressions with their confidence and exit 1, and the points are then
/// the faster ones the other way round.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CompareCommandTests(CompareRunsFixture runs, ITestOutputHelper output) : IClassFixture<CompareRunsFixture>
{
    private static readonly TimeSpan CompareTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Compare_of_1_against_2_threads_flags_the_slower_points_with_their_confidence_and_exits_1()
    {
        var forward = await CompareAsync(CompareRunsFixture.OneThreadTag, CompareRunsFixture.TwoThreadTag);
        var backward = await CompareAsync(runs.TwoThreadRun.ToString()[..8], runs.OneThreadRun.ToString());

        foreach (var (exit, report) in new[] { forward, backward })
        {
            var points = report.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(2, points.Count);
            var regressions = points.Where(p => p.GetProperty("isRegression").GetBoolean()).ToList();
            Assert.Equal(regressions.Count > 0 ? 1 : 0, exit);
            Assert.All(regressions, p =>
            {
                Assert.Equal("Slower", p.GetProperty("verdict").GetString());
                Assert.True(p.GetProperty("ratio").GetDouble() < 0.95, p.ToString());
                Assert.True(p.GetProperty("confidence").GetDouble() > 0.95, p.ToString());
                Assert.Equal(5, p.GetProperty("newValues").GetArrayLength());
            });
        }
        Assert.True(forward.Exit == 1 || backward.Exit == 1,
            $"neither direction found a significant slowdown beyond 5 % between 1 and 2 threads:\n{forward.Report}\n{backward.Report}\n{runs.Log}");
        // The test is symmetric: a regression one way is a significant speed-up the other way, at the same p-value.
        var (slow, fast) = forward.Exit == 1 ? (forward.Report, backward.Report) : (backward.Report, forward.Report);
        foreach (var regression in slow.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("isRegression").GetBoolean()))
        {
            var label = regression.GetProperty("pointLabel").GetString();
            var mirror = fast.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("pointLabel").GetString() == label);
            Assert.Equal("Faster", mirror.GetProperty("verdict").GetString());
            Assert.Equal(regression.GetProperty("pValue").GetDouble(), mirror.GetProperty("pValue").GetDouble(), 1e-9);
        }
    }

    [Fact]
    public async Task Compare_of_a_run_with_itself_is_the_same_everywhere_and_exits_0()
    {
        var (exit, report) = await CompareAsync(CompareRunsFixture.TwoThreadTag, runs.TwoThreadRun.ToString());

        Assert.Equal(0, exit);
        Assert.All(report.GetProperty("points").EnumerateArray(), p =>
        {
            Assert.Equal("Same", p.GetProperty("verdict").GetString());
            Assert.Equal(1, p.GetProperty("ratio").GetDouble(), 1e-12);
        });
        Assert.Equal(2, report.GetProperty("same").GetInt32());
    }

    [Fact]
    public async Task Markdown_for_a_pull_request_names_both_runs_and_every_point()
    {
        var result = await CommandProcess.RunAsync(
            ["compare", CompareRunsFixture.OneThreadTag, CompareRunsFixture.TwoThreadTag, "--format", "markdown"], CompareTimeout);
        output.WriteLine(result.Output);

        Assert.Matches("^### (❌ [0-9]+ performance regression\\(s\\)|✅ No performance regression)", result.Output);
        Assert.Contains($"- base: {runs.OneThreadRun} ({CompareRunsFixture.OneThreadTag})", result.Output, StringComparison.Ordinal);
        Assert.Contains("| tiny/pp256[] | ", result.Output, StringComparison.Ordinal);
        Assert.Contains("| tiny/tg64[] | ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_or_a_bad_threshold_exits_2_with_the_reason()
    {
        var watch = Stopwatch.StartNew();
        var unknown = await CommandProcess.RunAsync(["compare", "no-such-tag-anywhere", CompareRunsFixture.TwoThreadTag], CompareTimeout);
        var threshold = await CommandProcess.RunAsync(["compare", CompareRunsFixture.OneThreadTag, CompareRunsFixture.TwoThreadTag, "--threshold", "150%"], CompareTimeout);
        watch.Stop();

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'no-such-tag-anywhere' is no run id, no tag of any run, and no id prefix", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(2, threshold.ExitCode);
        Assert.Contains("--threshold '150%' is not a percentage", threshold.Output, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("compare command", "an unknown run reference; --threshold 150%", 2,
            $"exit 2 with one line naming the input and the fix, in {watch.Elapsed.TotalSeconds:0.0} s for both", nameof(An_unknown_run_or_a_bad_threshold_exits_2_with_the_reason)));
    }

    private async Task<(int Exit, JsonElement Report)> CompareAsync(string baseRun, string newRun)
    {
        var result = await CommandProcess.RunAsync(["compare", baseRun, newRun, "--format", "json"], CompareTimeout);
        output.WriteLine(result.Output);
        Assert.True(result.ExitCode is 0 or 1, result.Output);
        using var document = JsonDocument.Parse(result.Output);
        return (result.ExitCode, document.RootElement.Clone());
    }
}
