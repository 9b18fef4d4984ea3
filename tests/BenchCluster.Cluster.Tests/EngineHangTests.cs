using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>An engine child that hangs inside a running cluster: the job times out with that reason and the node goes on.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EngineHangTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private const double JobTimeoutMinutes = 0.1;

    [Fact]
    public async Task A_hung_engine_times_out_the_job_with_that_reason_and_the_node_runs_the_next_jobs()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        var worker = cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", TestModels.Get("tiny", "f16")),
            extraEnvironment: new Dictionary<string, string> { ["BENCHCLUSTER_ENGINE_FAULT"] = "hang-on-repetition:0" },
            extraArguments: ["--job-timeout-minutes", JobTimeoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await cluster.WaitForWorkersAsync("worker-a");
        var data = cluster.Database.DataSource;

        var suite = (await cluster.ClientAsync()).GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 3), "hang.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));

        // Detection: from the hung job's start to its failure as timed out (a hang is not retried: it tends to repeat).
        await Poll.UntilAsync("the repetition-0 job runs", async () => (await HungJobAsync()).Status == "running", RunTimeout, cluster);
        var detection = await Poll.UntilAsync("the hung job failed as timed out", async () => (await HungJobAsync()).Status == "failed", RunTimeout, cluster);
        // Recovery: from its failure to the node finishing another job.
        var recovery = await Poll.UntilAsync("the node ran the next job", async () =>
            (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.Any(j => j.Repetition != 0 && j.Status == "succeeded"), RunTimeout, cluster);

        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.Equal(RunStatus.Completed, progress.Status);
        Assert.Equal(1, progress.FailedJobs);
        var facts = await RunFacts.ReadAsync(data, submitted.RunId);
        var hung = facts.Jobs.Single(j => j.Repetition == 0);
        Assert.Equal("failed", hung.Status);
        Assert.Equal(1, hung.Attempt); // no retry: a hang tends to repeat and would cost a whole timeout again
        Assert.Contains($"did not finish Run within {JobTimeoutMinutes * 60:0} s and was killed as hung", hung.LastError);
        Assert.DoesNotContain(facts.Samples, s => s.JobId == hung.JobId);
        var others = facts.Jobs.Where(j => j.Repetition != 0).ToList();
        Assert.Equal(2, others.Count);
        Assert.All(others, j => Assert.Equal(("succeeded", "worker-a"), (j.Status, j.AssignedNode)));
        Assert.True(await FinishedAfterAsync(data, hung.JobId, others.Select(j => j.JobId)), "the other jobs ran after the hung one, on the same node");
        Assert.False(worker.HasExited);
        await cluster.WaitForWorkersAsync("worker-a");

        ReliabilityLog.Fault(new FaultRecord(
            $"engine child hangs inside a running cluster (job timeout {JobTimeoutMinutes * 60:0} s)",
            "the worker killed the hung child at the job timeout; the job failed as timed out ('killed as hung', not retried); the same node ran the next jobs",
            detection.TotalSeconds, recovery.TotalSeconds,
            $"{others.Count} of {others.Count} other jobs succeeded on the node; the hung job failed with its reason and 0 samples",
            nameof(A_hung_engine_times_out_the_job_with_that_reason_and_the_node_runs_the_next_jobs)));

        async Task<RunFacts.Job> HungJobAsync() => (await RunFacts.ReadAsync(data, submitted.RunId)).Jobs.Single(j => j.Repetition == 0);
    }

    /// <summary>True when every job of <paramref name="later"/> finished after <paramref name="first"/> did.</summary>
    private static async Task<bool> FinishedAfterAsync(Npgsql.NpgsqlDataSource data, Guid first, IEnumerable<Guid> later)
    {
        await using var command = data.CreateCommand(
            "SELECT bool_and(j.finished_at > f.finished_at) FROM jobs j, jobs f WHERE f.job_id = @first AND j.job_id = ANY(@later)");
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("later", later.ToArray());
        return await command.ExecuteScalarAsync() is true;
    }
}
