using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Storage.Tests.Runs;

/// <summary>Two coordinators for one run cannot both dispatch: the lease and the epoch that fences claims.</summary>
public sealed class RunLeasesTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private BenchClusterDatabase Database => fixture.Database;

    [Fact]
    public async Task A_second_coordinator_cannot_take_a_run_whose_lease_runs_and_its_claims_are_refused()
    {
        var (runId, jobId) = await RunWithJobAsync();
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();

        var epoch = await Database.RunLeases.TakeAsync(runId, first, Lease);
        var refused = await Database.RunLeases.TakeAsync(runId, second, Lease);
        var stolenClaim = await ClaimAsync(runId, jobId, (epoch ?? 0) + 1);

        Assert.Equal(1, epoch);
        Assert.Null(refused);
        Assert.Equal(JobClaimResult.OwnershipLost, stolenClaim);
        Assert.Equal(JobClaimResult.Claimed(1), await ClaimAsync(runId, jobId, epoch!.Value));
    }

    [Fact]
    public async Task Once_the_lease_ran_out_a_takeover_fences_the_first_coordinator_out()
    {
        var (runId, jobId) = await RunWithJobAsync();
        var firstEpoch = (await Database.RunLeases.TakeAsync(runId, Guid.NewGuid(), Lease))!.Value;
        await ExpireLeaseAsync(runId);

        var secondEpoch = (await Database.RunLeases.TakeAsync(runId, Guid.NewGuid(), Lease))!.Value;

        Assert.Equal(firstEpoch + 1, secondEpoch);
        Assert.Equal(JobClaimResult.OwnershipLost, await ClaimAsync(runId, jobId, firstEpoch));
        Assert.False(await Database.RunLeases.RenewAsync(runId, firstEpoch, Lease));
        Assert.False(await Database.Runs.SetStatusAsync(runId, RunState.Completed, null, firstEpoch));
        Assert.Equal(JobClaimResult.Claimed(1), await ClaimAsync(runId, jobId, secondEpoch));
        Assert.True(await Database.RunLeases.RenewAsync(runId, secondEpoch, Lease));
        Assert.True(await Database.Runs.SetStatusAsync(runId, RunState.Completed, null, secondEpoch));
        Assert.Equal(0L, await StorageTestData.CountAsync(Database, $"SELECT count(*) FROM jobs WHERE job_id = '{jobId}' AND attempt <> 1"));
        ReliabilityLog.Fault(new FaultRecord("two coordinators for one run (lease expired, second takes over)",
            "the first one's claims, lease renewal and completion were refused; only the second dispatched", null, null,
            "1 of 1 job claimed once (attempt 1), by the second coordinator",
            $"{nameof(RunLeasesTests)}.{nameof(Once_the_lease_ran_out_a_takeover_fences_the_first_coordinator_out)}"));
    }

    [Fact]
    public async Task The_holder_takes_its_own_run_again_at_once_and_a_released_lease_is_free()
    {
        var (runId, _) = await RunWithJobAsync();
        var owner = Guid.NewGuid();
        var first = (await Database.RunLeases.TakeAsync(runId, owner, Lease))!.Value;

        var again = await Database.RunLeases.TakeAsync(runId, owner, Lease);
        await Database.RunLeases.ReleaseAsync(runId, again!.Value);
        var other = await Database.RunLeases.TakeAsync(runId, Guid.NewGuid(), Lease);

        Assert.Equal(first + 1, again);
        Assert.Equal(first + 2, other);
    }

    [Fact]
    public async Task A_finished_run_cannot_be_taken()
    {
        var (runId, _) = await RunWithJobAsync();
        await Database.Runs.SetStatusAsync(runId, RunState.Completed);

        Assert.Null(await Database.RunLeases.TakeAsync(runId, Guid.NewGuid(), Lease));
    }

    private async Task<(Guid RunId, Guid JobId)> RunWithJobAsync()
    {
        var run = StorageTestData.Run();
        await Database.Runs.CreateAsync(run);
        await Database.Runs.SetStatusAsync(run.RunId, RunState.Running);
        var job = StorageTestData.Job(run.RunId);
        await Database.Jobs.InsertAsync([job]);
        return (run.RunId, job.JobId);
    }

    private async Task<JobClaimResult> ClaimAsync(Guid runId, Guid jobId, int epoch) =>
        (await Database.Jobs.ClaimAsync([new JobClaim(runId, jobId, "node-a", epoch)]))[jobId];

    private async Task ExpireLeaseAsync(Guid runId)
    {
        await using var command = Database.DataSource.CreateCommand(
            $"UPDATE runs SET coordinator_lease_until = now() - interval '1 second' WHERE run_id = '{runId}'");
        await command.ExecuteNonQueryAsync();
    }
}
