using System.Diagnostics;
using System.Text.Json;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Hosting.Silos;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Testing;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// Load from the whole fleet (issue 13): two worker processes drive one `benchcluster serve` together. The point's
/// percentiles read from its stored result equal those computed from all its stored sample rows together, every
/// sample names its driver and both drivers appear, and the two halves add up to the requested rate.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FleetLoadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private const double Rate = 8;
    private const int Requests = 120;

    [Fact]
    public async Task Two_workers_driving_serve_give_exact_fleet_percentiles_and_the_requested_total_rate()
    {
        var clock = Stopwatch.StartNew();
        var port = SiloEndpoint.FreePort();
        await using var served = SiloProcess.Start("serve",
            ["serve", "--model", TestModels.TinyModelPath, "--port", port.ToString(), "--slots", "4", "--threads", "1", "--model-name", "tiny"],
            new Dictionary<string, string>());
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("fleet-a"));
        cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("fleet-b"));
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");

        var client = await cluster.ClientAsync();
        var suite = client.GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(Suite(port), "fleet.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        Assert.Equal(2, submitted.JobCount); // one point, one repetition, two drivers
        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed, $"{progress}\n{cluster.AllOutput()}\n{served.Output}");

        var (metrics, rows) = await ReadAsync(cluster, submitted.RunId);
        output.WriteLine(metrics.GetRawText());
        Assert.Equal(2 * (int)Math.Ceiling(Requests / 2.0), rows.Count);
        Assert.All(rows, row => Assert.Null(row.Error));
        Assert.All(rows, row => Assert.NotNull(row.Driver));
        Assert.Equal(["worker-a", "worker-b"], rows.Select(r => r.Driver).Distinct().Order(StringComparer.Ordinal));

        var headline = metrics.GetProperty("headline").GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("statistics"));
        AssertSamePercentiles(headline["ttft_ms"], rows.Select(r => (r.FirstTokenNs!.Value - r.StartNs) / 1e6).ToList());
        AssertSamePercentiles(headline["e2el_ms"], rows.Select(r => (r.EndNs - r.StartNs) / 1e6).ToList());

        var fleet = metrics.GetProperty("fleet");
        var requested = fleet.GetProperty("requestedRate").GetDouble();
        var achieved = fleet.GetProperty("achievedRate").GetDouble();
        Assert.Equal(Rate, requested);
        output.WriteLine($"requested {requested} req/s, achieved {achieved:0.####} req/s ({(achieved / requested - 1) * 100:+0.###;-0.###} %); test took {clock.Elapsed.TotalSeconds:0} s");
        Assert.InRange(achieved, requested * 0.99, requested * 1.01);
        var drivers = fleet.GetProperty("drivers").EnumerateArray().ToList();
        Assert.Equal(["worker-a", "worker-b"], drivers.Select(d => d.GetProperty("driver").GetString()));
        Assert.All(drivers, d => Assert.True(d.TryGetProperty("sendLagP99Ms", out _), d.GetRawText()));
        Assert.All(drivers, d => Assert.Equal(Requests / 2, d.GetProperty("requests").GetInt32()));
    }

    private static void AssertSamePercentiles(JsonElement statistics, IReadOnlyList<double> all)
    {
        Assert.Equal(all.Count, statistics.GetProperty("n").GetInt32());
        Assert.Equal(StatisticsCalculator.Quantile(all, 0.5), statistics.GetProperty("median").GetDouble(), 9);
        Assert.Equal(StatisticsCalculator.Quantile(all, 0.99), statistics.GetProperty("p99").GetDouble(), 9);
    }

    private static string Suite(int port) => $$"""
        name: fleet-two-workers
        repetitions: 1
        warmup: 1
        models:
          - name: tiny-served
            endpoint: {base_url: "http://127.0.0.1:{{port}}/v1", model: tiny}
        workload:
          prompt_tokens: 16
          output_tokens: 4
        scenarios:
          - name: fleet-poisson
            kind: poisson
            requests: {{Requests}}
            fleet: {drivers: 2}
            parameters:
              rate: [{{Rate}}]
        """;

    private sealed record Row(string? Driver, long StartNs, long? FirstTokenNs, long EndNs, string? Error);

    private static async Task<(JsonElement Metrics, IReadOnlyList<Row> Rows)> ReadAsync(ClusterHarness cluster, Guid runId)
    {
        var data = cluster.Database.DataSource;
        await using var result = data.CreateCommand("SELECT metrics::text FROM results WHERE run_id = @run");
        result.Parameters.AddWithValue("run", runId);
        var text = (string)(await result.ExecuteScalarAsync())!;
        await using var samples = data.CreateCommand("""
            SELECT s.driver, coalesce(s.scheduled_ns, s.sent_ns), s.first_token_ns, s.end_ns, s.error
            FROM samples s JOIN jobs j ON j.job_id = s.job_id AND j.attempt = s.attempt
            WHERE j.run_id = @run AND NOT s.is_warmup
            """);
        samples.Parameters.AddWithValue("run", runId);
        await using var reader = await samples.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return (JsonDocument.Parse(text).RootElement.Clone(), rows);
    }
}
