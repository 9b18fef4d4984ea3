using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>The coordinator frozen with SIGSTOP mid-run: the workers declare it dead; woken, it rejoins as a new silo and finishes the run.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FrozenCoordinatorTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_coordinator_frozen_mid_run_rejoins_as_a_new_silo_and_finishes_the_run_exactly_once()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var coordinator = cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", model));
        cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("b", model));
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");
        var data = cluster.Database.DataSource;
        var clusterId = cluster.Connection.ClusterId;

        var runId = Guid.NewGuid();
        var submitted = await (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(runId)
            .SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 6, outputTokens: 64), "frozen-coordinator.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        await Poll.UntilAsync("two jobs done", async () => (await RunFacts.ReadAsync(data, runId)).Jobs.Count(j => j.Status == "succeeded") >= 2, RunTimeout, cluster);

        coordinator.Signal("STOP");
        var frozen = System.Diagnostics.Stopwatch.StartNew();
        // The workers vote it dead in the membership table; the client's gateway is the frozen silo, so read the table.
        var detection = await Poll.UntilAsync("the coordinator declared dead", async () =>
            (await MembershipRows.ReadGatewaySilosAsync(data, clusterId)) is { Count: > 0 } rows && rows.All(r => r.Status == MembershipRows.Dead), Freeze, cluster);
        await Task.Delay(Freeze - frozen.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        coordinator.Signal("CONT");
        var recovery = await Poll.UntilAsync("a new coordinator silo is active", async () =>
            (await MembershipRows.ReadGatewaySilosAsync(data, clusterId)) is { Count: >= 2 } rows && rows[^1].Status == MembershipRows.Active, RunTimeout, cluster);

        await cluster.ResetClientAsync();
        var progress = await cluster.WaitForEndAsync((await cluster.ClientAsync()).GetGrain<ISuiteGrain>(runId), RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0, $"{progress}\n{cluster.AllOutput()}");
        var facts = await RunFacts.ReadAsync(data, runId);
        Assert.Equal(submitted.JobCount, facts.Jobs.Count);
        facts.AssertEveryJobExactlyOnce();
        Assert.Equal(2, facts.Results.Count);
        Assert.False(coordinator.HasExited);
        Assert.Contains("Starting a new silo", coordinator.Output);
        var rows = await MembershipRows.ReadGatewaySilosAsync(data, clusterId);
        Assert.Equal(MembershipRows.Dead, rows[0].Status);

        ReliabilityLog.Fault(new FaultRecord(
            $"coordinator frozen with SIGSTOP for {Freeze.TotalSeconds:0} s mid-run, then SIGCONT",
            "the workers declared it dead; on waking the same process rejoined as a new coordinator silo, resumed the run from Postgres and finished it",
            detection.TotalSeconds, recovery.TotalSeconds,
            $"{facts.Jobs.Count} of {facts.Jobs.Count} jobs exactly once, {facts.Results.Count} results, none duplicated",
            nameof(A_coordinator_frozen_mid_run_rejoins_as_a_new_silo_and_finishes_the_run_exactly_once)));
    }
}
