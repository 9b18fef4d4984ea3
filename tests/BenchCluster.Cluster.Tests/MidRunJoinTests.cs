using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>A worker that joins while a run is under way receives that run's jobs for the models it holds.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MidRunJoinTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    /// <summary>
    /// Enough jobs that worker-a is still busy when worker-b is up and the coordinator's join check (every 2 s) runs:
    /// on a quiet machine 20 tiny jobs finished about a second after worker-b started, before it could be admitted.
    /// </summary>
    private const int Repetitions = 80;

    [Fact]
    public async Task A_worker_that_joins_mid_run_receives_jobs_for_the_model_it_holds()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", model));
        await cluster.WaitForWorkersAsync("worker-a");
        var data = cluster.Database.DataSource;

        var suite = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(Repetitions, outputTokens: 64), "join.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        Assert.Equal(Repetitions, submitted.JobCount); // planned on worker-a alone

        await Poll.UntilAsync("worker-a finished a job", async () =>
            (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.Any(j => j.Status == "succeeded"), RunTimeout, cluster);
        cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("b", model));
        await cluster.WaitForWorkersAsync("worker-b");
        var admitted = await Poll.UntilAsync("the run planned jobs for worker-b", async () =>
            (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.Any(j => j.NodeName == "worker-b"), RunTimeout, cluster);
        var firstJob = await Poll.UntilAsync("worker-b finished a job", async () =>
            (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.Any(j => j.AssignedNode == "worker-b" && j.Status == "succeeded"), RunTimeout, cluster);
        var stillRunning = (await suite.GetProgressAsync()).Status == RunStatus.Running;

        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0, $"{progress}\n{cluster.AllOutput()}");
        Assert.True(stillRunning, "worker-b ran a job of the run before the run ended");
        var facts = await RunFacts.ReadAsync(data, submitted.RunId);
        facts.AssertEveryJobExactlyOnce();
        var joined = facts.Jobs.Where(j => j.NodeName == "worker-b").ToList();
        Assert.Equal(Repetitions, joined.Count); // every repetition of the point, as if it had been there at submission
        Assert.All(joined, j => Assert.Equal("worker-b", j.AssignedNode));
        Assert.Equal(["worker-a", "worker-b"], facts.Results.Select(r => r.NodeName).Order().ToArray());
        Assert.All(facts.Results, r => Assert.Equal(Repetitions, r.Repetitions));
        Assert.Equal(2 * Repetitions, progress.SucceededJobs);

        ReliabilityLog.Fault(new FaultRecord(
            "a worker holding the run's model joins mid-run",
            "the coordinator noticed the new node and added the run's jobs for the model it holds; it measured them alongside the first node",
            admitted.TotalSeconds, firstJob.TotalSeconds,
            $"{facts.Jobs.Count} of {facts.Jobs.Count} jobs exactly once ({joined.Count} on the joined node), one result per node",
            nameof(A_worker_that_joins_mid_run_receives_jobs_for_the_model_it_holds)));
    }
}
