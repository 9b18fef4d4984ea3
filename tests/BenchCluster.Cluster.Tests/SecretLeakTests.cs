using System.Diagnostics;
using System.Security.Cryptography;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// A real coordinator and worker run a suite with an API key against a server that echoes the key back everywhere
/// it can; afterwards no piece of the key is in any row of the database or any line of any log. The same cluster
/// then refuses the hostile suites of the issue without a request leaving or a process dying.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SecretLeakTests(ITestOutputHelper output)
{
    private const string KeyVariable = "BCTEST_SECRET_KEY";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_key_echoed_by_a_hostile_server_is_in_no_table_and_no_log_and_hostile_suites_are_refused()
    {
        var key = "sk-LIVE-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', 'Q').Replace('/', 'Z');
        await using var server = new HostileEndpoint();
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var coordinator = cluster.StartCoordinator();
        var worker = cluster.StartWorker("keys", ClusterHarness.ModelsFolder("keys"),
            extraEnvironment: new Dictionary<string, string> { [KeyVariable] = key }, extraArguments: ["--api-key-env", KeyVariable]);
        await cluster.WaitForWorkersAsync("keys");

        var suitePath = Path.Combine(ClusterHarness.ModelsFolder("suite"), "keyed.yaml");
        await File.WriteAllTextAsync(suitePath, $$$"""
            name: keyed
            repetitions: 2
            warmup: 1
            models:
              - name: hostile
                endpoint: {base_url: "{{{server.BaseUrl}}}", model: m, api_key_env: {{{KeyVariable}}}, extension_fields: false}
            scenarios:
              - {name: c, kind: concurrency, requests: 6, parameters: {concurrency: [1, 2]}}
            """);
        var submit = await CommandProcess.RunAsync(["submit", suitePath, "--watch"], RunTimeout, cluster.Environment());

        Assert.Contains("run ", submit.Output, StringComparison.Ordinal);
        Assert.Contains($"Bearer {key}", server.AuthorizationHeaders);
        Assert.True(server.ErrorsSent > 0 && server.StreamsSent > 0, $"errors {server.ErrorsSent}, streams {server.StreamsSent}\n{submit.Output}");
        var (hits, rows, tables) = await SecretSearch.InDatabaseAsync(cluster.Database.DataSource, key);
        Assert.True(rows > 0, "the search read no rows");
        Assert.Empty(hits);
        string[] logs = [submit.Output, coordinator.FullOutput, worker.FullOutput];
        Assert.All(logs, log => Assert.False(SecretSearch.Leaks(log, key), log));
        ReliabilityLog.BadInput(new BadInputRecord("suite endpoint",
            $"server echoing the API key into error bodies (cut mid-key) and streamed text, {server.AuthorizationHeaders.Count} requests",
            server.ErrorsSent + server.StreamsSent,
            $"no {SecretSearch.FragmentChars}-character piece of the key in {rows} rows of {tables} tables nor in the CLI, coordinator and worker logs",
            nameof(A_key_echoed_by_a_hostile_server_is_in_no_table_and_no_log_and_hostile_suites_are_refused)));

        await HostileSuitesAreRefusedAsync(cluster);
        Assert.False(coordinator.HasExited, coordinator.Output);
        Assert.False(worker.HasExited, worker.Output);
    }

    private static async Task HostileSuitesAreRefusedAsync(ClusterHarness cluster)
    {
        var client = await cluster.ClientAsync();
        await using var listener = new HostileEndpoint();
        (string Name, string Text, string Expected)[] suites =
        [
            ("stolen password", $$$"""
                models: [{name: x, endpoint: {base_url: "{{{listener.BaseUrl}}}", model: x, api_key_env: BENCHCLUSTER_POSTGRES}}]
                scenarios: [{kind: concurrency, requests: 2, parameters: {concurrency: [1]}}]
                """, "'BENCHCLUSTER_POSTGRES' is one of BenchCluster's own variables"),
            ("key the worker does not allow", $$$"""
                models: [{name: x, endpoint: {base_url: "{{{listener.BaseUrl}}}", model: x, api_key_env: OTHER_KEY}}]
                scenarios: [{kind: concurrency, requests: 2, parameters: {concurrency: [1]}}]
                """, "benchcluster worker --api-key-env OTHER_KEY"),
            ("200,000 nested [", HostileSuites.NestedBrackets(), "nested more than"),
            ("640 million jobs", HostileSuites.SixHundredFortyMillionJobs(), "640,000,000 jobs"),
        ];
        foreach (var (name, text, expected) in suites)
        {
            var clock = Stopwatch.StartNew();
            var result = await client.GetGrain<ISuiteGrain>(Guid.NewGuid()).SubmitAsync(new SuiteSubmission(text, $"{name}.yaml", "test"));
            var elapsed = clock.Elapsed;

            Assert.False(result.Accepted, name);
            Assert.Contains(result.Errors, error => error.Contains(expected, StringComparison.Ordinal));
            ReliabilityLog.BadInput(new BadInputRecord("suite", $"{name}, submitted to a running coordinator past the CLI", 1,
                $"rejected by the coordinator in {elapsed.TotalMilliseconds:F0} ms: \"{expected}…\"; no silo exited",
                nameof(A_key_echoed_by_a_hostile_server_is_in_no_table_and_no_log_and_hostile_suites_are_refused)));
        }
        Assert.Equal(0, listener.Connections);
    }
}
