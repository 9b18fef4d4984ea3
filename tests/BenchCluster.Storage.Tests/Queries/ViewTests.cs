using BenchCluster.Storage.Models;
using BenchCluster.Storage.Nodes;
using BenchCluster.Storage.Results;
using BenchCluster.Testing;

namespace BenchCluster.Storage.Tests.Queries;

/// <summary>The views and <see cref="BenchCluster.Storage.Queries.ResultQueries"/> over them, each test on a database of its own.</summary>
public sealed class ViewTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Results_view_names_model_node_and_settings_and_formats_the_headline()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        var db = test.Database;
        var runId = await SeedAsync(db);

        var results = await db.Queries.GetResultsAsync(runId);

        Assert.Equal(2, results.Count);
        var best = results[0];
        Assert.Equal(("qwen-0.5b-q4_k_m.gguf", "Q4_K_M", "node-a", "cpu", "AMD EPYC", 4, 512), (best.Model, best.Quantization, best.NodeName, best.DeviceKind, best.DeviceName, best.Threads, best.BatchSize));
        Assert.Equal((56.12, 1.23, "VALID"), (best.TokensPerSecondMean, best.TokensPerSecondStddev, best.Verdict));
        var hosted = results[1];
        Assert.Equal(("gpt-hosted", null, "INVALID", "error rate 12% > 5%; too few samples"), (hosted.Model, hosted.Quantization, hosted.Verdict, hosted.VerdictReasons));
        Assert.Equal("56.12 ± 1.23", await ScalarAsync(db, $"SELECT tokens_per_second FROM v_results WHERE run_id = '{runId}' AND node_name = 'node-a'"));
    }

    [Fact]
    public async Task Upserting_a_result_again_replaces_it()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        var db = test.Database;
        var runId = await SeedAsync(db);

        await db.Results.UpsertAsync(Result(runId, "p1", "node-a", 60.0, valid: false));

        var results = await db.Queries.GetResultsAsync(runId);
        var replaced = Assert.Single(results, r => r.PointKey == "p1");
        Assert.Equal((60.0, "INVALID"), (replaced.TokensPerSecondMean, replaced.Verdict));
    }

    [Fact]
    public async Task Run_progress_counts_jobs_by_state_and_retries()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        var db = test.Database;
        var run = StorageTestData.Run();
        await db.Runs.CreateAsync(run);
        var jobs = Enumerable.Range(0, 4).Select(i => StorageTestData.Job(run.RunId, $"p{i}")).ToList();
        await db.Jobs.InsertAsync(jobs);
        await db.Jobs.ClaimAsync(jobs[0].JobId, "node-a");
        var retried = await db.Jobs.ClaimAsync(jobs[0].JobId, "node-b") ?? 0;
        await db.Jobs.MarkSucceededAsync(jobs[0].JobId, retried);
        await db.Jobs.ClaimAsync(jobs[1].JobId, "node-a");

        var progress = await db.Queries.GetProgressAsync(run.RunId);

        Assert.NotNull(progress);
        Assert.Equal((4, 2, 1, 1, 0, 1, 25.0), (progress.TotalJobs, progress.PendingJobs, progress.RunningJobs, progress.SucceededJobs, progress.FailedJobs, progress.Retries, progress.PercentDone));
        Assert.Contains(await db.Queries.ListRunsAsync(), r => r.RunId == run.RunId);
    }

    [Fact]
    public async Task Node_summary_counts_work_and_best_valid_throughput()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        var db = test.Database;
        await SeedAsync(db);

        var summary = await ScalarAsync(db,
            "SELECT concat_ws('|', results, valid_results, best_valid_tokens_per_second, ram_gib) FROM v_node_summary WHERE node_name = 'node-a'");

        Assert.Equal("1|1|56.12|16.0", summary);
    }

    [Fact]
    public async Task Latest_results_keep_the_newest_run_per_model_node_scenario_and_settings()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        var db = test.Database;
        await SeedAsync(db);
        var newer = StorageTestData.Run();
        await db.Runs.CreateAsync(newer);
        await db.Results.UpsertAsync(Result(newer.RunId, "p1", "node-a", 58.0, valid: true));

        var latest = await db.Queries.GetLatestResultsAsync();

        Assert.Equal(2, latest.Count);
        Assert.Contains(latest, r => r.RunId == newer.RunId && r.TokensPerSecondMean == 58.0);
    }

    [Fact]
    public async Task Sample_timings_show_only_the_current_attempt_in_milliseconds()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        var db = test.Database;
        var (runId, jobId, first) = await StorageTestData.RunningJobAsync(db);
        await db.Samples.WriteAsync(runId, jobId, first, StorageTestData.Samples(3));
        var second = await db.Jobs.ClaimAsync(jobId, "node-b") ?? 0;
        await db.Samples.WriteAsync(runId, jobId, second, [StorageTestData.Sample(0) with { ScheduledNs = 0, FirstTokenNs = 2_500_000, EndNs = 9_000_000 }]);

        var timing = await ScalarAsync(db, $"SELECT concat_ws('|', count(*), min(ttft_ms), min(e2e_ms), min(node_name)) FROM v_sample_timings WHERE job_id = '{jobId}'");

        Assert.Equal("1|2.5|9|node-b", timing);
    }

    private static async Task<Guid> SeedAsync(BenchClusterDatabase db)
    {
        await db.Nodes.UpsertAsync(new NodeRow { NodeName = "node-a", DeviceKind = "cpu", DeviceName = "AMD EPYC", Cores = 2, RamBytes = 16L << 30, PriceUsdPerHour = 0.1 });
        await db.Models.UpsertAsync(new ModelRow { Sha256 = Sha, FileName = "qwen-0.5b-q4_k_m.gguf", FileSizeBytes = 397_808_192, Quantization = "Q4_K_M", IsSynthetic = true, SyntheticPreset = "qwen2.5-0.5b" });
        var run = StorageTestData.Run();
        await db.Runs.CreateAsync(run);
        await db.Results.UpsertAsync(Result(run.RunId, "p1", "node-a", 56.1234, valid: true));
        await db.Results.UpsertAsync(Result(run.RunId, "p2", "node-b", 12.0, valid: false) with
        {
            ModelRef = "gpt-hosted", ModelSha256 = null, VerdictReasons = ["error rate 12% > 5%", "too few samples"],
        });
        return run.RunId;
    }

    private static ResultRow Result(Guid runId, string pointKey, string node, double tokensPerSecond, bool valid) => new()
    {
        RunId = runId,
        PointKey = pointKey,
        NodeName = node,
        ModelRef = "qwen",
        ModelSha256 = Sha,
        Scenario = "tg128",
        ParametersJson = """{"threads": 4, "batchSize": 512, "depth": 0}""",
        TokensPerSecondMean = tokensPerSecond,
        TokensPerSecondStddev = 1.2345,
        CostUsdPerMTokBlended = 0.5,
        IsValid = valid,
        Repetitions = 5,
    };

    private static async Task<string?> ScalarAsync(BenchClusterDatabase db, string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        return (string?)await command.ExecuteScalarAsync();
    }
}
