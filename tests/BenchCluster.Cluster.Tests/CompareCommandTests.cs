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
    public async Task Compare_of_a_quiet_run_against_one_sharing_its_CPU_flags_every_point_slower_with_its_confidence_and_exits_1()
    {
        var forward = await CompareAsync(CompareRunsFixture.QuietTag, CompareRunsFixture.ContendedTag);
        var backward = await CompareAsync(runs.ContendedRun.ToString()[..8], runs.QuietRun.ToString());

        Assert.True(forward.Exit == 1, $"the contended run was not found significantly slower:\n{forward.Report}\n{runs.Log}");
        Assert.Equal(0, backward.Exit);
        var slower = forward.Report.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(2, slower.Count);
        Assert.All(slower, p =>
        {
            Assert.True(p.GetProperty("isRegression").GetBoolean(), p.ToString());
            Assert.Equal("Slower", p.GetProperty("verdict").GetString());
            Assert.True(p.GetProperty("ratio").GetDouble() < 0.95, p.ToString());
            Assert.True(p.GetProperty("confidence").GetDouble() > 0.95, p.ToString());
            Assert.Equal(5, p.GetProperty("newValues").GetArrayLength());
        });
        // The test is symmetric: a regression one way is a significant speed-up the other way, at the same p-value.
        foreach (var regression in slower)
        {
            var label = regression.GetProperty("pointLabel").GetString();
            var mirror = backward.Report.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("pointLabel").GetString() == label);
            Assert.Equal("Faster", mirror.GetProperty("verdict").GetString());
            Assert.False(mirror.GetProperty("isRegression").GetBoolean());
            Assert.Equal(regression.GetProperty("pValue").GetDouble(), mirror.GetProperty("pValue").GetDouble(), 1e-9);
        }
    }

    [Fact]
    public async Task Compare_of_a_run_with_itself_is_the_same_everywhere_and_exits_0()
    {
        var (exit, report) = await CompareAsync(CompareRunsFixture.QuietTag, runs.QuietRun.ToString());

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
            ["compare", CompareRunsFixture.ContendedTag, CompareRunsFixture.QuietTag, "--format", "markdown"], CompareTimeout);
        output.WriteLine(result.Output);

        Assert.Matches("^### (❌ [0-9]+ performance regression\\(s\\)|✅ No performance regression)", result.Output);
        Assert.Contains($"- base: {runs.ContendedRun} ({CompareRunsFixture.ContendedTag})", result.Output, StringComparison.Ordinal);
        Assert.Contains("| tiny/pp256[] | ", result.Output, StringComparison.Ordinal);
        Assert.Contains("| tiny/tg64[] | ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_or_a_bad_threshold_exits_2_with_the_reason()
    {
        var watch = Stopwatch.StartNew();
        var unknown = await CommandProcess.RunAsync(["compare", "no-such-tag-anywhere", CompareRunsFixture.QuietTag], CompareTimeout);
        var threshold = await CommandProcess.RunAsync(["compare", CompareRunsFixture.ContendedTag, CompareRunsFixture.QuietTag, "--threshold", "150%"], CompareTimeout);
        watch.Stop();

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'no-such-tag-anywhere' is no run id, no tag of any run, and no id prefix", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(2, threshold.ExitCode);
        Assert.Contains("--threshold '150%' is not a percentage", threshold.Output, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("compare command", "an unknown run reference; --threshold 150%", 2,
            $"exit 2 with one line naming the input and the fix, in {watch.Elapsed.TotalSeconds:0.0} s for both", nameof(An_unknown_run_or_a_bad_threshold_exits_2_with_the_reason)));
    }

    [Fact]
    public async Task Llama_bench_json_of_a_run_has_its_tests_token_counts_and_repetitions()
    {
        var result = await CommandProcess.RunAsync(["llama-bench", CompareRunsFixture.QuietTag, "--format", "json"], CompareTimeout);
        output.WriteLine(result.Output);

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var tests = document.RootElement.EnumerateArray().ToList();
        Assert.Equal([(256, 0), (0, 64)], tests.Select(t => (t.GetProperty("n_prompt").GetInt32(), t.GetProperty("n_gen").GetInt32())));
        Assert.All(tests, t =>
        {
            Assert.Equal(5, t.GetProperty("samples_ts").GetArrayLength());
            Assert.Equal(5, t.GetProperty("samples_ns").GetArrayLength());
            Assert.Equal(2, t.GetProperty("n_threads").GetInt32());
            Assert.Equal("CPU", t.GetProperty("backends").GetString());
            Assert.True(t.GetProperty("model_n_params").GetInt64() > 0);
            Assert.True(t.GetProperty("avg_ts").GetDouble() > 0);
        });
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
