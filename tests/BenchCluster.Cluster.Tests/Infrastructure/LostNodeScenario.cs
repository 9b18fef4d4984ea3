using System.Diagnostics;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>
/// The scenario a frozen worker and a cut-off worker share: two workers hold the same model; while the victim runs a
/// job it is cut off for <c>hold</c>, then restored. Asserts that its job ran on the other node exactly once with nothing
/// stored from the lost attempt, that the same process rejoined as a new silo generation at its endpoint, and that it
/// runs the jobs of a second run.
/// </summary>
internal static class LostNodeScenario
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public sealed record Outcome(TimeSpan Detection, TimeSpan Recovery, int Jobs, int StaleSamples, int SecondRunJobsOnVictim);

    public static async Task<Outcome> RunAsync(ClusterHarness cluster, SiloProcess victim, string other, TimeSpan hold, Func<Task> cut, Func<Task> restore)
    {
        var victimNode = victim.Name;
        var endpoint = (await Poll.LiveSiloOfAsync(cluster, victimNode))!;
        var data = cluster.Database.DataSource;
        var suite = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 6, outputTokens: 64), "lost-node.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));

        RunFacts.Job? lostJob = null;
        await Poll.UntilAsync($"{victimNode} runs a job", async () =>
        {
            lostJob = (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.FirstOrDefault(j => j.AssignedNode == victimNode && j.Status == "running");
            return lostJob is not null;
        }, RunTimeout, cluster);
        await cut();
        var cutClock = Stopwatch.StartNew();

        var detection = await Poll.UntilAsync($"{victimNode} declared dead", async () => await Poll.LiveSiloOfAsync(cluster, victimNode) is null, hold, cluster);
        await Poll.UntilAsync("the coordinator took the lost job back", async () =>
            (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.Single(j => j.JobId == lostJob!.JobId) is var job
            && (job.Status != "running" || job.Attempt > lostJob!.Attempt), hold, cluster);
        await Task.Delay(hold - cutClock.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        await restore();
        var recovery = await Poll.UntilAsync($"{victimNode} rejoined", async () => await Poll.LiveSiloOfAsync(cluster, victimNode) is not null, RunTimeout, cluster);

        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0, $"{progress}\n{cluster.AllOutput()}");
        // The dead silo's engine children ended with it; the new silo starts its own on its first job.
        Assert.Empty(ProcessTree.ChildrenOf(victim.Pid));
        var facts = await RunFacts.ReadAsync(data, submitted.RunId);
        Assert.Equal(submitted.JobCount, facts.Jobs.Count);
        facts.AssertEveryJobExactlyOnce();
        var moved = facts.Jobs.Single(j => j.JobId == lostJob!.JobId);
        Assert.Equal(other, moved.AssignedNode);
        Assert.True(moved.Attempt > lostJob!.Attempt);
        var staleSamples = facts.Samples.Count(s => s.JobId == lostJob.JobId && s.Attempt == lostJob.Attempt);
        Assert.Equal(0, staleSamples);

        // The same process came back as a new generation of the silo at the same endpoint; the old one stays dead.
        Assert.False(victim.HasExited);
        var rows = await MembershipRows.ReadAsync(data, cluster.Connection.ClusterId, endpoint);
        Assert.True(rows.Count >= 2, string.Join(", ", rows));
        Assert.Equal(MembershipRows.Dead, rows[0].Status);
        Assert.Equal(MembershipRows.Active, rows[^1].Status);
        Assert.Contains("Starting a new silo", victim.Output);

        var second = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var resubmitted = await second.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 2), "after-rejoin.yaml", "test"));
        Assert.True(resubmitted.Accepted, string.Join("\n", resubmitted.Errors));
        Assert.Equal(2 * 2, resubmitted.JobCount);
        var secondProgress = await cluster.WaitForEndAsync(second, RunTimeout);
        Assert.True(secondProgress.Status == RunStatus.Completed && secondProgress.FailedJobs == 0, $"{secondProgress}\n{cluster.AllOutput()}");
        var secondFacts = await RunFacts.ReadAsync(data, resubmitted.RunId);
        secondFacts.AssertEveryJobExactlyOnce();
        var onVictim = secondFacts.Jobs.Count(j => j.AssignedNode == victimNode);
        Assert.Equal(2, onVictim);
        return new Outcome(detection, recovery, facts.Jobs.Count, staleSamples, onVictim);
    }
}
