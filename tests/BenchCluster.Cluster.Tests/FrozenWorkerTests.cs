using System.Diagnostics;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// A worker frozen with SIGSTOP past failure detection, then woken: its job runs elsewhere exactly once, its late
/// samples are refused, and the same process rejoins as a new silo and takes work again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FrozenWorkerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_worker_frozen_mid_job_loses_its_job_writes_nothing_for_it_and_rejoins_as_a_new_silo()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", model));
        var victim = cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("b", model));
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");
        var endpoint = (await Poll.LiveSiloOfAsync(cluster, "worker-b"))!;
        var data = cluster.Database.DataSource;

        var suite = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 6, outputTokens: 64), "frozen.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));

        RunFacts.Job? frozenJob = null;
        await Poll.UntilAsync("worker-b runs a job", async () =>
        {
            frozenJob = (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.FirstOrDefault(j => j.AssignedNode == "worker-b" && j.Status == "running");
            return frozenJob is not null;
        }, RunTimeout, cluster);
        victim.Signal("STOP");
        var frozen = Stopwatch.StartNew();

        var detection = await Poll.UntilAsync("worker-b declared dead", async () => await Poll.LiveSiloOfAsync(cluster, "worker-b") is null, Freeze, cluster);
        await Poll.UntilAsync("the coordinator took the frozen job back", async () =>
            (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.Single(j => j.JobId == frozenJob!.JobId) is var job
            && (job.Status != "running" || job.Attempt > frozenJob!.Attempt), Freeze, cluster);
        await Task.Delay(Freeze - frozen.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        victim.Signal("CONT");
        var recovery = await Poll.UntilAsync("worker-b rejoined", async () => await Poll.LiveSiloOfAsync(cluster, "worker-b") is not null, RunTimeout, cluster);

        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        // The dead silo's engine children ended with it; the new silo starts its own on its first job.
        Assert.Empty(ProcessTree.ChildrenOf(victim.Pid));
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0, $"{progress}\n{cluster.AllOutput()}");
        var facts = await RunFacts.ReadAsync(data, submitted.RunId);
        Assert.Equal(12, facts.Jobs.Count);
        facts.AssertEveryJobExactlyOnce();
        var moved = facts.Jobs.Single(j => j.JobId == frozenJob!.JobId);
        Assert.Equal("worker-a", moved.AssignedNode);
        Assert.True(moved.Attempt > frozenJob!.Attempt);
        var staleSamples = facts.Samples.Count(s => s.JobId == frozenJob.JobId && s.Attempt == frozenJob.Attempt);
        Assert.Equal(0, staleSamples);

        // The same process came back as a new generation of the silo at the same endpoint; the old one stays dead.
        Assert.False(victim.HasExited);
        var rows = await MembershipRows.ReadAsync(data, cluster.Connection.ClusterId, endpoint);
        Assert.True(rows.Count >= 2, string.Join(", ", rows));
        Assert.Equal(MembershipRows.Dead, rows[0].Status);
        Assert.Equal(MembershipRows.Active, rows[^1].Status);
        Assert.Contains("Starting a new silo", victim.Output);

        // It receives and runs work again.
        var second = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var resubmitted = await second.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 2), "after-rejoin.yaml", "test"));
        Assert.True(resubmitted.Accepted, string.Join("\n", resubmitted.Errors));
        Assert.Equal(2 * 2, resubmitted.JobCount);
        var secondProgress = await cluster.WaitForEndAsync(second, RunTimeout);
        Assert.True(secondProgress.Status == RunStatus.Completed && secondProgress.FailedJobs == 0, $"{secondProgress}\n{cluster.AllOutput()}");
        var secondFacts = await RunFacts.ReadAsync(data, resubmitted.RunId);
        secondFacts.AssertEveryJobExactlyOnce();
        Assert.Equal(2, secondFacts.Jobs.Count(j => j.AssignedNode == "worker-b"));

        ReliabilityLog.Fault(new FaultRecord(
            $"worker frozen with SIGSTOP for {Freeze.TotalSeconds:0} s mid-job, then SIGCONT",
            "declared dead, its job re-dispatched to the other node; on waking its late result was refused (stale attempt) and the same process rejoined as a new silo generation and ran the next run's jobs",
            detection.TotalSeconds, recovery.TotalSeconds,
            $"{facts.Jobs.Count} of {facts.Jobs.Count} jobs exactly once, {staleSamples} samples from the stale attempt; {secondFacts.Jobs.Count(j => j.AssignedNode == "worker-b")} jobs of the next run on the rejoined node",
            nameof(A_worker_frozen_mid_job_loses_its_job_writes_nothing_for_it_and_rejoins_as_a_new_silo)));
    }
}
