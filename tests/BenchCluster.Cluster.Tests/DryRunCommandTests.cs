using System.Diagnostics;
using System.Text.Json;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// `benchcluster run SUITE --dry-run` as a user types it: the plan on stdout, exit 0, and nothing started. The command
/// runs with BENCHCLUSTER_HOME set to an empty checkout whose infra/postgres.sh only leaves a mark: starting Postgres,
/// forging models or starting silos (which log under .data/logs) would leave the mark or a .data folder.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DryRunCommandTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private const string Suite = """
        name: dry
        repetitions: 3
        models:
          - {name: tiny, preset: tiny, type: f16}
          - {name: api, endpoint: {base_url: "http://127.0.0.1:9/v1", model: m}}
        scenarios:
          - {name: tg8, kind: tg, output_tokens: 8}
          - {name: closed, kind: concurrency, requests: 4, parameters: {concurrency: [1, 2]}}
        parameters:
          threads: [1, 2]
        """;

    [Fact]
    public async Task Run_dry_run_prints_the_plan_and_starts_nothing()
    {
        var (home, mark) = FakeHome();
        var suite = await WriteAsync(home, "dry.yaml", Suite);

        var result = await CommandProcess.RunAsync(["run", suite, "--dry-run"], CommandTimeout, new Dictionary<string, string> { ["BENCHCLUSTER_HOME"] = home });
        output.WriteLine(result.Output);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("dry run of suite dry: nothing was started", result.StandardOutput, StringComparison.Ordinal);
        // tiny: tg8 2 threads × 3 reps = 6, closed 2 threads × 2 concurrencies × 3 = 12; api: closed 2 × 3 = 6.
        Assert.Contains("24 jobs", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("skipped api × tg8: tg drives the in-process engine; api is a remote endpoint", result.StandardOutput, StringComparison.Ordinal);
        AssertNothingStarted(home, mark);
    }

    [Fact]
    public async Task Run_dry_run_as_json_prints_only_the_plan_on_stdout()
    {
        var (home, mark) = FakeHome();
        var suite = await WriteAsync(home, "dry.yaml", Suite);

        var result = await CommandProcess.RunAsync(["run", suite, "--dry-run", "--format", "json"], CommandTimeout, new Dictionary<string, string> { ["BENCHCLUSTER_HOME"] = home });

        Assert.True(result.ExitCode == 0, result.Output);
        using var plan = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(24, plan.RootElement.GetProperty("totalJobs").GetInt32());
        Assert.Equal(24, plan.RootElement.GetProperty("guessedJobs").GetInt32());
        Assert.True(plan.RootElement.GetProperty("runnable").GetBoolean());
        var rows = plan.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count); // tiny × tg8, tiny × closed, api × closed, all on the one local node
        Assert.Equal([6, 12, 6], rows.Select(r => r.GetProperty("jobs").GetInt32()));
        Assert.All(rows, r => Assert.True(r.GetProperty("estimatedSeconds").GetDouble() > 0));
        AssertNothingStarted(home, mark);
    }

    [Fact]
    public async Task Run_dry_run_shows_each_quality_point_once_with_its_reference_and_refuses_a_missing_corpus_with_its_field()
    {
        var (home, mark) = FakeHome();
        var quality = """
            name: quality-dry
            repetitions: 3
            models:
              - {name: tiny-f16, preset: tiny, type: f16}
              - {name: tiny-q4, preset: tiny, type: q4_0}
            scenarios:
              - {name: ppl, kind: quality, reference: tiny-f16, context: 64, max_windows: 4}
            """;
        var suite = await WriteAsync(home, "quality.yaml", quality);
        var missing = await WriteAsync(home, "missing-corpus.yaml", quality.Replace("max_windows: 4", "max_windows: 4, corpus: none.txt", StringComparison.Ordinal));
        // Corpus files are read under the workload data folder, as dataset and trace files are.
        var environment = new Dictionary<string, string> { ["BENCHCLUSTER_HOME"] = home, ["BENCHCLUSTER_WORKLOAD_DATA"] = home };

        var result = await CommandProcess.RunAsync(["run", suite, "--dry-run"], CommandTimeout, environment);
        var refused = await CommandProcess.RunAsync(["run", missing, "--dry-run"], CommandTimeout, environment);
        output.WriteLine(result.Output);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("ppl vs tiny-f16", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2 jobs", result.StandardOutput, StringComparison.Ordinal); // one per quality point, not per repetition
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("missing-corpus.yaml:7:", refused.Output, StringComparison.Ordinal);
        Assert.Contains($"scenarios[0].corpus: corpus none.txt: not found under the workload data folder {home} of this node", refused.Output, StringComparison.Ordinal);
        AssertNothingStarted(home, mark);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("submit")]
    public async Task A_suite_with_too_many_jobs_is_refused_by_the_dry_run_with_the_real_commands_message(string command)
    {
        var (home, mark) = FakeHome();
        var suite = await WriteAsync(home, "explode.yaml", HostileSuites.SixHundredFortyMillionJobs());
        // submit: a Postgres nobody listens on, so reaching for the cluster would end with another error.
        var environment = new Dictionary<string, string>
        {
            ["BENCHCLUSTER_HOME"] = home,
            ["BENCHCLUSTER_POSTGRES"] = "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x",
        };

        var clock = Stopwatch.StartNew();
        var dry = await CommandProcess.RunAsync([command, suite, "--dry-run"], CommandTimeout, environment);
        var elapsed = clock.Elapsed;
        var real = await CommandProcess.RunAsync([command, suite], CommandTimeout, environment);

        Assert.Equal(1, dry.ExitCode);
        Assert.Equal(1, real.ExitCode);
        var message = ErrorLine(dry.Output);
        Assert.Contains("expands to 640,000,000 jobs", message, StringComparison.Ordinal);
        Assert.Equal(ErrorLine(real.Output), message);
        AssertNothingStarted(home, mark);
        ReliabilityLog.BadInput(new BadInputRecord("suite", $"`benchcluster {command} --dry-run` of a suite of 640,000,000 jobs", 1,
            $"exit 1 after {elapsed.TotalSeconds:F1} s (process start included) with the same error line as `{command}` without --dry-run; nothing started or contacted",
            nameof(A_suite_with_too_many_jobs_is_refused_by_the_dry_run_with_the_real_commands_message)));
    }

    private static string ErrorLine(string output) =>
        output.Split('\n').Single(line => line.StartsWith("error: ", StringComparison.Ordinal)).TrimEnd('\r');

    /// <summary>A checkout with nothing but an infra/postgres.sh that leaves a mark and fails.</summary>
    private static (string Home, string Mark) FakeHome()
    {
        var home = RepositoryPaths.Scratch($"dry-run-{Guid.NewGuid():N}");
        var mark = Path.Combine(home, "postgres.sh-was-called");
        Directory.CreateDirectory(Path.Combine(home, "infra"));
        var script = Path.Combine(home, "infra", "postgres.sh");
        File.WriteAllText(script, $"#!/bin/sh\ntouch '{mark}'\nexit 1\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (home, mark);
    }

    private static async Task<string> WriteAsync(string home, string name, string text)
    {
        var path = Path.Combine(home, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static void AssertNothingStarted(string home, string mark)
    {
        Assert.False(File.Exists(mark), "infra/postgres.sh was called");
        Assert.False(Directory.Exists(Path.Combine(home, ".data")), "a .data folder (Postgres, models, silo logs) was created");
    }
}
