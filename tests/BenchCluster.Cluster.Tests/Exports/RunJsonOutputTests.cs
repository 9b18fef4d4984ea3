using System.Security.Cryptography;
using System.Text.Json;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests.Exports;

/// <summary>
/// The "done when": `benchcluster run SUITE --format json 2>/dev/null` is JSON and holds every metric that
/// applies to its scenarios; the listing commands print only their format on stdout and filter as asked.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RunJsonOutputTests(LocalRunExports runs, ITestOutputHelper output) : IClassFixture<LocalRunExports>
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public void Stdout_of_a_run_is_one_json_array_with_throughput_latency_errors_cost_verdict_provenance_and_identity()
    {
        output.WriteLine(runs.Priced.Output);
        Assert.True(runs.Priced.ExitCode == 0, runs.Priced.Output);
        using var document = JsonDocument.Parse(runs.Priced.StandardOutput);
        var results = document.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("scenario").GetString()!);
        Assert.Equal(["closed2", "tg8"], results.Keys.Order());

        foreach (var result in results.Values)
        {
            Assert.Equal(runs.PricedRunId, result.GetProperty("runId").GetGuid());
            Assert.Equal("tiny", result.GetProperty("model").GetString());
            var file = Path.Combine(RepositoryPaths.Root, ".data", "models", result.GetProperty("modelFile").GetString()!);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), result.GetProperty("modelSha256").GetString());
            Assert.Equal("F16", result.GetProperty("quantization").GetString());
            Assert.Equal("cpu", result.GetProperty("deviceKind").GetString());
            Assert.Equal(1, result.GetProperty("settings").GetProperty("threads").GetInt32());
            Assert.True(result.GetProperty("tokensPerSecond").GetDouble() > 0);
            Assert.True(result.GetProperty("tokensPerSecondStdDev").ValueKind == JsonValueKind.Number);
            Assert.Equal(2, result.GetProperty("repetitions").GetInt32());
            var verdict = result.GetProperty("verdict").GetString();
            Assert.Contains(verdict, new[] { "VALID", "INVALID" });
            Assert.Equal(verdict == "INVALID", result.GetProperty("verdictReasons").GetArrayLength() > 0);
            var provenance = result.GetProperty("provenance");
            Assert.True(provenance.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
            Assert.False(string.IsNullOrEmpty(provenance.GetProperty("benchClusterVersion").GetString()));
            Assert.Contains("llama.cpp", provenance.GetProperty("engine").GetString());
            Assert.Contains(result.GetProperty("node").GetString(), provenance.GetProperty("nodesThatRan").EnumerateArray().Select(n => n.GetString()));
            var cost = result.GetProperty("cost");
            Assert.True(cost.GetProperty("usdPerHour").GetDouble() > 0);
            Assert.Equal(35, result.GetProperty("energy").GetProperty("watts").GetDouble());
            Assert.True(result.GetProperty("energy").GetProperty("joulesPerToken").GetDouble() > 0);
        }

        var tg = results["tg8"];
        Assert.Equal("tg", tg.GetProperty("scenarioKind").GetString());
        Assert.True(tg.GetProperty("cost").GetProperty("usdPerMTokOutput").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, tg.GetProperty("ttftMs").ValueKind); // no per-request latency in a micro-benchmark

        var closed = results["closed2"];
        Assert.Equal("concurrency", closed.GetProperty("scenarioKind").GetString());
        foreach (var latency in new[] { "ttftMs", "tpotMs", "itlMs", "e2elMs" })
        {
            var summary = closed.GetProperty(latency);
            double p50 = summary.GetProperty("p50").GetDouble(), p90 = summary.GetProperty("p90").GetDouble(), p99 = summary.GetProperty("p99").GetDouble();
            Assert.True(p50 > 0 && p50 <= p90 && p90 <= p99, $"{latency}: p50 {p50}, p90 {p90}, p99 {p99}");
            Assert.True(summary.GetProperty("count").GetInt32() > 0);
        }
        Assert.Equal(0, closed.GetProperty("errorRate").GetDouble());
        Assert.True(closed.GetProperty("goodput").GetDouble() > 0);
        Assert.True(closed.GetProperty("cost").GetProperty("usdPerMTokWorkload").GetDouble() > 0);
        Assert.True(closed.GetProperty("cost").GetProperty("usdPerRequest").GetDouble() > 0);
    }

    [Fact]
    public void A_suite_without_a_cost_section_gives_null_prices_not_zero()
    {
        output.WriteLine(runs.Unpriced.Output);
        Assert.True(runs.Unpriced.ExitCode == 0, runs.Unpriced.Output);
        using var document = JsonDocument.Parse(runs.Unpriced.StandardOutput);
        var cost = Assert.Single(document.RootElement.EnumerateArray()).GetProperty("cost");
        foreach (var name in new[] { "usdPerMTokInput", "usdPerMTokOutput", "usdPerMTokBlended", "usdPerMTokWorkload", "usdPerRequest", "usdPerHour" })
            Assert.True(cost.GetProperty(name).ValueKind == JsonValueKind.Null, $"{name} is {cost.GetProperty(name)} for a suite without prices");
    }

    [Fact]
    public async Task Results_filters_and_per_request_rows_print_only_their_format()
    {
        Assert.NotEqual(Guid.Empty, runs.PricedRunId);
        var run = runs.PricedRunId.ToString();

        var closed = await Results([run, "--scenario", "closed2", "--format", "jsonl"]);
        var line = Assert.Single(closed.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using (var record = JsonDocument.Parse(line))
            Assert.Equal("closed2", record.RootElement.GetProperty("scenario").GetString());

        Assert.Equal(1, CountLines(await Results(["--run", run, "--node", "no-such-node", "--format", "csv"]))); // the header alone
        Assert.Equal(2, CountLines(await Results(["--run", run, "--model", "tiny", "--since", "1h", "--format", "jsonl"])));
        Assert.Equal(0, CountLines(await Results(["--run", run, "--since", "2099-01-01T00:00:00Z", "--format", "jsonl"])));
        Assert.Equal(0, CountLines(await Results(["--run", run, "--model", "other", "--format", "jsonl"])));
        var valid = CountLines(await Results(["--run", run, "--verdict", "VALID", "--format", "jsonl"]));
        var invalid = CountLines(await Results(["--run", run, "--verdict", "invalid", "--format", "jsonl"]));
        Assert.Equal(2, valid + invalid);

        var requests = (await Results([run, "--requests", "--format", "csv"])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("run_id,job_id,point_key,", requests[0]);
        // 4 measured requests × 2 repetitions of closed2, plus each tg8 repetition's generation samples.
        Assert.True(requests.Length - 1 >= 8, string.Join('\n', requests));
        var warm = await Results([run, "--requests", "--include-warmup"]);
        Assert.True(CountLines(warm) > requests.Length - 1);
        using var first = JsonDocument.Parse(warm.Split('\n')[0]);
        Assert.True(first.RootElement.GetProperty("endNs").GetInt64() >= first.RootElement.GetProperty("sentNs").GetInt64());
    }

    [Fact]
    public async Task Status_prints_runs_in_every_format_on_stdout()
    {
        var json = await Results(["--format", "json"], "status");
        using var document = JsonDocument.Parse(json);
        Assert.Contains(document.RootElement.EnumerateArray(), r => r.GetProperty("runId").GetGuid() == runs.PricedRunId);
        Assert.StartsWith("| run | suite |", await Results(["--format", "markdown"], "status"));
        using var jobs = JsonDocument.Parse(await Results([runs.PricedRunId.ToString(), "--format", "json"], "status"));
        Assert.Equal(4, jobs.RootElement.GetArrayLength());
    }

    private async Task<string> Results(IReadOnlyList<string> arguments, string command = "results")
    {
        var result = await CommandProcess.RunAsync([command, .. arguments], CommandTimeout);
        output.WriteLine($"{command} {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.Output}");
        Assert.True(result.ExitCode == 0, result.Output);
        return result.StandardOutput;
    }

    private static int CountLines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
