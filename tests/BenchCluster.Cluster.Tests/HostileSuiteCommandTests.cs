using System.Diagnostics;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// The hostile suites given to the commands a user types: each ends with one clear error line and exit code
/// 1, before any cluster or database is contacted, and without a crash or a stack trace.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HostileSuiteCommandTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A Postgres nobody listens on: reaching it would fail the command with a different error.</summary>
    private static readonly Dictionary<string, string> NoCluster = new() { ["BENCHCLUSTER_POSTGRES"] = "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x" };

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "submit", "nested", "nested more than" },
        { "submit", "explode", "expands to 640,000,000 jobs, above the limit of 100,000 (--max-jobs" },
        { "submit", "stolen", "'BENCHCLUSTER_POSTGRES' is one of BenchCluster's own variables" },
        { "run", "nested", "nested more than" },
        { "run", "explode", "threads values: 40 × batch values: 40" },
        { "run", "stolen", "models[0].endpoint.api_key_env" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_suite_gets_one_clear_error_and_no_crash(string command, string suite, string expected)
    {
        var path = Path.Combine(RepositoryPaths.Scratch("hostile-suites"), $"{suite}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, suite switch
        {
            "nested" => HostileSuites.NestedBrackets(),
            "explode" => HostileSuites.SixHundredFortyMillionJobs(),
            _ => """
                models: [{name: x, endpoint: {base_url: "http://127.0.0.1:9911/v1", model: x, api_key_env: BENCHCLUSTER_POSTGRES}}]
                scenarios: [{kind: concurrency, requests: 2, parameters: {concurrency: [1]}}]
                """,
        });

        var clock = Stopwatch.StartNew();
        var result = await CommandProcess.RunAsync([command, path], CommandTimeout, NoCluster);
        var elapsed = clock.Elapsed;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: ", result.Output, StringComparison.Ordinal);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Port=1", result.Output, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite", $"`benchcluster {command}` of the {suite} suite", 1,
            $"exit 1 with \"{expected}…\" after {elapsed.TotalSeconds:F1} s (process start included), no stack trace, nothing contacted",
            nameof(A_hostile_suite_gets_one_clear_error_and_no_crash)));
    }

    [Theory]
    [InlineData("BENCHCLUSTER_POSTGRES", "BenchCluster's own variables", false)]
    [InlineData("OPENAI_API_KEY,PGPASSWORD", "Postgres' variables", false)]
    [InlineData("OPENAI_API_KEY,BENCHCLUSTER_CLUSTER_ID", "BenchCluster's own variables", true)]
    public async Task A_worker_told_to_allow_the_projects_own_variables_refuses_to_start(string names, string expected, bool fromEnvironment)
    {
        var environment = new Dictionary<string, string>(NoCluster);
        string[] arguments = ["worker", "--models", RepositoryPaths.Scratch("no-models")];
        if (fromEnvironment)
            environment["BENCHCLUSTER_WORKER_API_KEY_ENV"] = names;
        else
            arguments = [.. arguments, "--api-key-env", names];

        var result = await CommandProcess.RunAsync(arguments, CommandTimeout, environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: --api-key-env:", result.Output, StringComparison.Ordinal);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite endpoint", fromEnvironment ? $"BENCHCLUSTER_WORKER_API_KEY_ENV={names} for a worker" : $"worker --api-key-env {names}", 1,
            "the worker refuses to start (exit 1) naming the reserved variable", nameof(A_worker_told_to_allow_the_projects_own_variables_refuses_to_start)));
    }
}
