using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>Silos die: kill -9 of a worker, a coordinator restart. The run completes, every job exactly once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeFailureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Killing_one_of_two_workers_mid_run_moves_its_jobs_and_every_job_runs_exactly_once()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", model));
        var victim = cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("b", model));
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");

        var suite = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 6, outputTokens: 64), "one-model.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        Assert.Equal(2 * 6, submitted.JobCount); // both nodes hold the model: 6 repetitions on each

        // Kill worker-b once it has finished a job and is running the next one.
        await WaitUntilAsync(async () =>
        {
            var facts = await RunFacts.ReadAsync(cluster.Database.DataSource, submitted.RunId);
            return facts.Jobs.Any(j => j.NodeName == "worker-b" && j.Status == "succeeded")
                && facts.Jobs.Any(j => j.AssignedNode == "worker-b" && j.Status == "running");
        }, cluster);
        victim.KillHard();

        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0, $"{progress}\n{cluster.AllOutput()}");
        var after = await RunFacts.ReadAsync(cluster.Database.DataSource, submitted.RunId);
        Assert.Equal(12, after.Jobs.Count);
        after.AssertEveryJobExactlyOnce();
        var moved = after.Jobs.Where(j => j.NodeName == "worker-b" && j.AssignedNode == "worker-a").ToList();
        Assert.NotEmpty(moved); // worker-b's remaining jobs ran on worker-a
        Assert.Contains(moved, j => j.Attempt >= 2); // the job in flight on worker-b when it died was dispatched again
        Assert.Equal(2, after.Results.Count); // one result per node slot, none duplicated
    }

    [Fact]
    public async Task A_restarted_coordinator_resumes_the_run_without_redoing_finished_jobs()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var coordinator = cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", model));
        await cluster.WaitForWorkersAsync("worker-a");

        var runId = Guid.NewGuid();
        var submitted = await (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(runId)
            .SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 8, outputTokens: 64), "one-model.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));

        await WaitUntilAsync(async () => (await RunFacts.ReadAsync(cluster.Database.DataSource, runId)).Jobs.Count(j => j.Status == "succeeded") >= 2, cluster);
        coordinator.KillHard();
        var finishedBefore = (await RunFacts.ReadAsync(cluster.Database.DataSource, runId)).Jobs
            .Where(j => j.Status == "succeeded").ToDictionary(j => j.JobId, j => j.Attempt);

        cluster.StartCoordinator();
        await cluster.ResetClientAsync();
        var progress = await cluster.WaitForEndAsync((await cluster.ClientAsync()).GetGrain<ISuiteGrain>(runId), RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0, $"{progress}\n{cluster.AllOutput()}");

        var after = await RunFacts.ReadAsync(cluster.Database.DataSource, runId);
        after.AssertEveryJobExactlyOnce();
        foreach (var (jobId, attempt) in finishedBefore)
            Assert.Equal(attempt, after.Jobs.Single(j => j.JobId == jobId).Attempt); // not dispatched again
        Assert.Single(after.Results);
        Assert.Equal(8, after.Results[0].Repetitions);
    }

    [Fact]
    public async Task A_native_crash_in_the_engine_fails_the_job_with_its_reason_and_the_worker_lives_on()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        var worker = cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", TestModels.Get("tiny", "f16")),
            extraEnvironment: new Dictionary<string, string> { ["BENCHCLUSTER_ENGINE_FAULT"] = "abort-on-run" });
        await cluster.WaitForWorkersAsync("worker-a");

        var suite = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 2), "crash.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);

        Assert.Equal(RunStatus.Completed, progress.Status);
        Assert.Equal(2, progress.FailedJobs);
        var facts = await RunFacts.ReadAsync(cluster.Database.DataSource, submitted.RunId);
        Assert.All(facts.Jobs, j =>
        {
            Assert.Equal("failed", j.Status);
            Assert.Contains("SIGABRT", j.LastError);
            Assert.Equal(2, j.Attempt); // one retry with a fresh engine, then failed for good
        });
        Assert.False(worker.HasExited);
        await cluster.WaitForWorkersAsync("worker-a"); // still a live member
        var result = Assert.Single(facts.Results);
        Assert.Equal("INVALID", result.Verdict);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"condition not reached within {RunTimeout}\n{cluster.AllOutput()}");
            await Task.Delay(PollInterval);
        }
    }
}
