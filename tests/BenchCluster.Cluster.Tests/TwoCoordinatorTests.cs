using System.Diagnostics;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Npgsql;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// Two coordinator silos: the one dispatching a run freezes; the other takes the run over once its lease runs out and
/// finishes it; the frozen one, woken, dispatches nothing more for it (its claims carry an old epoch).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoCoordinatorTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    /// <summary>Longer than the run lease (20 s) plus failure detection, so the takeover happens while it is frozen.</summary>
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task The_other_coordinator_takes_a_frozen_coordinators_run_over_and_every_job_runs_exactly_once()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var first = cluster.StartCoordinator();
        var second = cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", model));
        cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("b", model));
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");
        var data = cluster.Database.DataSource;

        var runId = Guid.NewGuid();
        var submitted = await (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(runId)
            .SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 8, outputTokens: 64), "two-coordinators.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        await Poll.UntilAsync("two jobs done", async () => (await RunFacts.ReadAsync(data, runId)).Jobs.Count(j => j.Status == "succeeded") >= 2, RunTimeout, cluster);
        var owner = first.HasLogged($"run {runId}: {submitted.JobCount} jobs") ? first : second;
        var other = ReferenceEquals(owner, first) ? second : first;
        Assert.True(owner.HasLogged($"run {runId}: {submitted.JobCount} jobs"), "one of the coordinators logged the run's submission");
        var epochBefore = await EpochAsync(data, runId);

        owner.Signal("STOP");
        var frozen = Stopwatch.StartNew();
        var takeover = await Poll.UntilAsync("the other coordinator takes the run over", async () => await EpochAsync(data, runId) > epochBefore, Freeze, cluster);
        var doneAtTakeover = (await RunFacts.ReadAsync(data, runId)).Jobs.Count(j => j.Status == "succeeded");
        var flowing = await Poll.UntilAsync("a job finishes under the new coordinator", async () =>
            (await RunFacts.ReadAsync(data, runId)).Jobs.Count(j => j.Status == "succeeded") > doneAtTakeover
            || (await RunFacts.ReadAsync(data, runId)).Jobs.All(j => j.Status == "succeeded"), Freeze, cluster);
        await Task.Delay(Freeze - frozen.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        owner.Signal("CONT");

        await cluster.ResetClientAsync();
        var progress = await cluster.WaitForEndAsync((await cluster.ClientAsync()).GetGrain<ISuiteGrain>(runId), RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0, $"{progress}\n{cluster.AllOutput()}");
        var facts = await RunFacts.ReadAsync(data, runId);
        Assert.Equal(submitted.JobCount, facts.Jobs.Count);
        facts.AssertEveryJobExactlyOnce();
        Assert.Equal(2, facts.Results.Count);
        Assert.True(other.HasLogged($"run {runId} resumed"), "the other coordinator resumed the run");
        Assert.True(await EpochAsync(data, runId) > epochBefore);

        ReliabilityLog.Fault(new FaultRecord(
            $"two coordinators; the one dispatching a run frozen with SIGSTOP for {Freeze.TotalSeconds:0} s, then SIGCONT",
            "the other coordinator took the run over once its lease ran out (new epoch) and finished it; the woken one's claims were fenced out",
            takeover.TotalSeconds, flowing.TotalSeconds,
            $"{facts.Jobs.Count} of {facts.Jobs.Count} jobs exactly once, {facts.Results.Count} results, none duplicated",
            nameof(The_other_coordinator_takes_a_frozen_coordinators_run_over_and_every_job_runs_exactly_once)));
    }

    private static async Task<int> EpochAsync(NpgsqlDataSource data, Guid runId)
    {
        await using var command = data.CreateCommand("SELECT coordinator_epoch FROM runs WHERE run_id = @run");
        command.Parameters.AddWithValue("run", runId);
        return (int)(await command.ExecuteScalarAsync() ?? 0);
    }
}
