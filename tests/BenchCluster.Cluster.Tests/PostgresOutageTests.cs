using System.Diagnostics;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// Postgres goes away mid-run and comes back: claims and writes ride it out, the run completes with every job exactly
/// once. The cluster runs on a Postgres server of its own, since the shared test server must stay up for other tests.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    /// <summary>What the coordinator (a claim, an update) or a worker (a job's final write) logs when a Postgres call fails and is retried.</summary>
    private static readonly string[] RetryLines = ["Postgres call failed", "could not store a finished job"];

    [Fact]
    public async Task Postgres_stopped_for_10_s_mid_run_then_started_again_the_run_completes_with_every_job_exactly_once()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var server = await PrivatePostgresServer.StartAsync("pg-outage");
        await using var cluster = await ClusterHarness.CreateAsync(output, await server.CreateDatabaseAsync());
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", model));
        cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("b", model));
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");

        var suite = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 10, outputTokens: 64), "outage.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        Assert.Equal(2 * 10, submitted.JobCount);

        await WaitUntilAsync(async () => await SucceededAsync(cluster, submitted.RunId) >= 2, cluster);
        var doneBefore = await SucceededAsync(cluster, submitted.RunId);
        var outage = Stopwatch.StartNew();
        await server.StopAsync();
        TimeSpan? detected = null;
        while (outage.Elapsed < OutageLength)
        {
            if (detected is null && cluster.Silos.Any(s => RetryLines.Any(s.HasLogged)))
                detected = outage.Elapsed;
            await Task.Delay(PollInterval);
        }
        await server.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await WaitUntilAsync(async () => await SucceededAsync(cluster, submitted.RunId) > doneBefore, cluster);
        var recovered = back.Elapsed;

        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0 && progress.Error is null, $"{progress}\n{cluster.AllOutput()}");
        Assert.True(detected is not null, $"no silo logged a retried Postgres call during the outage\n{cluster.AllOutput()}");
        var facts = await RunFacts.ReadAsync(cluster.Database.DataSource, submitted.RunId);
        Assert.Equal(20, facts.Jobs.Count);
        facts.AssertEveryJobExactlyOnce();
        var duplicates = facts.Samples.Count - facts.Samples.Select(s => (s.JobId, s.Attempt, s.Seq)).Distinct().Count();
        Assert.Equal(0, duplicates);
        Assert.Equal(2, facts.Results.Count); // a result for every point on every node
        Assert.All(facts.Results, r => Assert.Equal(10, r.Repetitions));
        Assert.True(cluster.Silos.All(s => !s.HasExited), cluster.AllOutput());

        ReliabilityLog.Fault(new FaultRecord("Postgres stopped for 10 s mid-run",
            "claims and job writes were retried with capped backoff through the outage; the run completed once Postgres was back",
            detected.Value.TotalSeconds, recovered.TotalSeconds,
            $"{facts.Jobs.Count} of {facts.Jobs.Count} jobs exactly once, {duplicates} duplicate samples",
            $"{nameof(PostgresOutageTests)}.{nameof(Postgres_stopped_for_10_s_mid_run_then_started_again_the_run_completes_with_every_job_exactly_once)}"));
    }

    /// <summary>Succeeded jobs, or -1 while Postgres does not answer.</summary>
    private static async Task<int> SucceededAsync(ClusterHarness cluster, Guid runId)
    {
        try
        {
            return (await RunFacts.ReadAsync(cluster.Database.DataSource, runId)).Jobs.Count(j => j.Status == "succeeded");
        }
        catch (Npgsql.NpgsqlException)
        {
            return -1;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, ClusterHarness cluster)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > RunTimeout)
                throw new TimeoutException($"condition not reached within {RunTimeout}\n{cluster.AllOutput()}");
            await Task.Delay(PollInterval);
        }
    }
}
