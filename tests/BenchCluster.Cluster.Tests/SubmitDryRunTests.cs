using System.Text.Json;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// `benchcluster submit SUITE --dry-run` against a running cluster: the coordinator plans against the joined workers
/// and creates no run; once the suite has run, a second dry run estimates every job from the measured durations.
/// The same run shows what the coordinator stores for cost: the suite has no cost section, worker-a advertises no
/// price (null $ figures, never 0), worker-b advertises one (its figures are there).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SubmitDryRunTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Submit_dry_run_plans_on_the_joined_workers_creates_no_run_and_later_estimates_from_measured_durations_and_unpriced_results_store_no_cost()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("dry-a", TestModels.Get("tiny", "f16")));
        cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("dry-b", TestModels.Get("tiny", "q8_0")), extraArguments: ["--price-per-hour", "3.6"]);
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");
        var suitePath = Path.Combine(ClusterHarness.ModelsFolder("dry-suite"), "two-models.yaml");
        await File.WriteAllTextAsync(suitePath, TestSuites.TwoTinyModels(repetitions: 1));
        var environment = cluster.Environment(cluster.ReaderConnection.PostgresConnectionString);

        var before = await CommandProcess.RunAsync(["submit", suitePath, "--dry-run", "--format", "json"], CommandTimeout, environment);
        output.WriteLine(before.Output);

        Assert.True(before.ExitCode == 0, $"{before.Output}\n{cluster.AllOutput()}");
        using (var plan = JsonDocument.Parse(before.StandardOutput))
        {
            var root = plan.RootElement;
            // 2 models, one holder each, × 2 scenarios × 1 repetition.
            Assert.Equal(4, root.GetProperty("totalJobs").GetInt32());
            Assert.Equal(4, root.GetProperty("guessedJobs").GetInt32());
            var nodes = root.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("model").GetString(), r.GetProperty("node").GetString())).Distinct().Order();
            Assert.Equal([("tiny-f16", "worker-a"), ("tiny-q8", "worker-b")], nodes);
            var reasons = root.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("reason").GetString()).ToList();
            Assert.Contains(reasons, r => r!.StartsWith("worker-a does not hold tiny-q8", StringComparison.Ordinal));
            Assert.Contains(reasons, r => r!.StartsWith("worker-b does not hold tiny-f16", StringComparison.Ordinal));
        }
        Assert.Equal(0, await CountRunsAsync(cluster));

        var client = await cluster.ClientAsync();
        var suite = client.GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.TwoTinyModels(repetitions: 1), "two-models.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed, $"{progress}\n{cluster.AllOutput()}");
        var costs = await ReadCostsAsync(cluster, submitted.RunId);
        Assert.Equal(4, costs.Count);
        Assert.All(costs.Where(c => c.Node == "worker-a"), c => Assert.True(c is { Input: null, Output: null, Blended: null, UsdPerHour: null }, $"{c}"));
        Assert.All(costs.Where(c => c.Node == "worker-b"), c => Assert.Equal(3.6, c.UsdPerHour));
        Assert.Equal(2, costs.Count(c => c.Node == "worker-b" && (c.Input ?? c.Output) > 0)); // pp32: input $/1M, tg8: output $/1M

        var after = await CommandProcess.RunAsync(["submit", suitePath, "--dry-run"], CommandTimeout, environment);
        output.WriteLine(after.Output);
        var afterJson = await CommandProcess.RunAsync(["submit", suitePath, "--dry-run", "--format", "json"], CommandTimeout, environment);

        Assert.True(after.ExitCode == 0, after.Output);
        Assert.Contains("4 jobs estimated from measured durations, 0 guessed", after.StandardOutput, StringComparison.Ordinal);
        using (var plan = JsonDocument.Parse(afterJson.StandardOutput))
        {
            Assert.Equal(4, plan.RootElement.GetProperty("measuredJobs").GetInt32());
            Assert.All(plan.RootElement.GetProperty("rows").EnumerateArray(), row =>
            {
                Assert.Equal("measured", row.GetProperty("estimate").GetString());
                Assert.True(row.GetProperty("estimatedSeconds").GetDouble() > 0);
            });
        }
        Assert.Equal(1, await CountRunsAsync(cluster));
    }

    private static async Task<List<(string Node, double? Input, double? Output, double? Blended, double? UsdPerHour)>> ReadCostsAsync(ClusterHarness cluster, Guid runId)
    {
        await using var command = cluster.Database.DataSource.CreateCommand(
            "SELECT node_name, cost_usd_per_mtok_input, cost_usd_per_mtok_output, cost_usd_per_mtok_blended, " +
            "(metrics->'cost'->>'usdPerHour')::double precision FROM results WHERE run_id = @run_id");
        command.Parameters.AddWithValue("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, double?, double?, double?, double?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), Nullable(reader, 1), Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4)));
        return rows;
    }

    private static double? Nullable(System.Data.Common.DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);

    private static async Task<long> CountRunsAsync(ClusterHarness cluster)
    {
        await using var command = cluster.Database.DataSource.CreateCommand("SELECT count(*) FROM runs");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
