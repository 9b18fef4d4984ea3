using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Hosting.Silos;
using BenchCluster.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// `benchcluster run` as a user runs it (local mode: private Postgres, coordinator and worker child processes), on a
/// suite that benchmarks one forged model in-process and the same model through `benchcluster serve` and the remote
/// OpenAI-compatible backend; the results land in Postgres.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class LocalModeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Run_benchmarks_a_model_in_process_and_through_serve_and_stores_both_in_Postgres()
    {
        var port = SiloEndpoint.FreePort();
        await using var served = SiloProcess.Start("serve",
            ["serve", "--model", TestModels.TinyModelPath, "--port", port.ToString(), "--slots", "2", "--threads", "1", "--model-name", "tiny"],
            new Dictionary<string, string>());
        await WaitForAsync(() => served.Output.Contains("base_url", StringComparison.Ordinal), served);

        var suite = Path.Combine(RepositoryPaths.Scratch("local-mode"), $"served-{port}.yaml");
        await File.WriteAllTextAsync(suite, $"""
            name: in-process-vs-served
            repetitions: 2
            warmup: 1
            models:
              - {"{"}name: tiny-inproc, preset: tiny, type: f16{"}"}
              - name: tiny-served
                endpoint: {"{"}base_url: "http://127.0.0.1:{port}/v1", model: tiny{"}"}
            workload:
              prompt_tokens: 32
              output_tokens: 8
            scenarios:
              - name: closed2
                kind: concurrency
                requests: 6
                parameters:
                  concurrency: [2]
            parameters:
              threads: [1]
            """);

        var run = await CommandProcess.RunAsync(["run", suite], RunTimeout);
        output.WriteLine(run.Output);
        output.WriteLine(served.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        var runId = Guid.Parse(RunIdPattern().Match(run.Output).Groups[1].Value);

        var results = await ReadResultsAsync(runId);
        Assert.Equal(["tiny-inproc", "tiny-served"], results.Select(r => r.Model).Order().ToArray());
        Assert.All(results, r =>
        {
            Assert.Equal(2, r.Repetitions);
            Assert.True(r.TokensPerSecond > 0, $"{r.Model}: {r.TokensPerSecond}");
            Assert.Equal(6 * 2 * 8, r.OutputTokens); // 6 requests × 2 repetitions × 8 tokens, counted from the stored samples
            Assert.Equal(0, r.FailedRequests);
        });
        var servedResult = results.Single(r => r.Model == "tiny-served");
        Assert.Equal(servedResult.OutputTokens, servedResult.ServerOutputTokens); // the server's usage agrees with our count
    }

    private static async Task<IReadOnlyList<(string Model, int Repetitions, double TokensPerSecond, long OutputTokens, long ServerOutputTokens, long FailedRequests)>> ReadResultsAsync(Guid runId)
    {
        var url = await ScriptAsync("url");
        await using var data = NpgsqlDataSource.Create(url);
        await using var command = data.CreateCommand("""
            SELECT r.model_ref, r.repetitions, r.tokens_per_second_mean,
                   (SELECT coalesce(sum(s.output_tokens), 0) FROM samples s JOIN jobs j ON j.job_id = s.job_id AND j.attempt = s.attempt
                    WHERE j.run_id = r.run_id AND j.point_key = r.point_key AND NOT s.is_warmup),
                   (SELECT coalesce(sum(coalesce(s.server_output_tokens, s.output_tokens)), 0) FROM samples s JOIN jobs j ON j.job_id = s.job_id AND j.attempt = s.attempt
                    WHERE j.run_id = r.run_id AND j.point_key = r.point_key AND NOT s.is_warmup),
                   (SELECT count(*) FROM samples s JOIN jobs j ON j.job_id = s.job_id AND j.attempt = s.attempt
                    WHERE j.run_id = r.run_id AND j.point_key = r.point_key AND s.error IS NOT NULL)
            FROM results r WHERE r.run_id = @run
            """);
        command.Parameters.AddWithValue("run", runId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int, double, long, long, long)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        return rows;
    }

    private static async Task<string> ScriptAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Infra, "postgres.sh"), command]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Trim();
    }

    private static async Task WaitForAsync(Func<bool> condition, SiloProcess process)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
                throw new InvalidOperationException($"benchcluster serve did not come up:\n{process.Output}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"run ([0-9a-f-]{36}): \d+ jobs")]
    private static partial Regex RunIdPattern();
}
