using BenchCluster.Storage.Jobs;
using BenchCluster.Testing;
using Npgsql;

namespace BenchCluster.Storage.Tests.Jobs;

public sealed class JobStoreTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private BenchClusterDatabase Database => fixture.Database;

    [Fact]
    public async Task Inserting_the_same_jobs_twice_stores_them_once()
    {
        var run = StorageTestData.Run();
        await Database.Runs.CreateAsync(run);
        JobRow[] jobs = [StorageTestData.Job(run.RunId, "p1", "node-a"), StorageTestData.Job(run.RunId, "p1", null), StorageTestData.Job(run.RunId, "p2", null, repetition: 1)];

        var first = await Database.Jobs.InsertAsync(jobs);
        var second = await Database.Jobs.InsertAsync(jobs);

        Assert.Equal(3, first);
        Assert.Equal(0, second);
        var stored = await Database.Jobs.ListAsync(run.RunId);
        Assert.Equal(jobs.Select(j => j.JobId).Order(), stored.Select(j => j.JobId).Order());
        Assert.All(stored, j => Assert.Equal((JobState.Pending, 0), (j.Status, j.Attempt)));
    }

    [Fact]
    public async Task A_second_job_with_the_same_identity_is_not_stored_even_with_another_id_or_no_node()
    {
        var run = StorageTestData.Run();
        await Database.Runs.CreateAsync(run);
        await Database.Jobs.InsertAsync([StorageTestData.Job(run.RunId, "p1", null), StorageTestData.Job(run.RunId, "p1", "node-a")]);

        var duplicates = await Database.Jobs.InsertAsync([StorageTestData.Job(run.RunId, "p1", null), StorageTestData.Job(run.RunId, "p1", "node-a")]);

        Assert.Equal(0, duplicates);
        Assert.Equal(2, (await Database.Jobs.ListAsync(run.RunId)).Count);
    }

    [Fact]
    public async Task Each_claim_starts_a_new_attempt_on_the_claiming_node()
    {
        var (_, jobId, first) = await StorageTestData.RunningJobAsync(Database);

        var second = await Database.Jobs.ClaimAsync(jobId, "node-b");

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        var job = await Database.Jobs.GetAsync(jobId);
        Assert.Equal((JobState.Running, 2, "node-b"), (job!.Status, job.Attempt, job.AssignedNode));
        Assert.NotNull(job.StartedAt);
    }

    [Fact]
    public async Task A_stale_attempt_cannot_finish_the_job()
    {
        var (_, jobId, stale) = await StorageTestData.RunningJobAsync(Database);
        var current = await Database.Jobs.ClaimAsync(jobId, "node-b") ?? 0;

        Assert.False(await Database.Jobs.MarkSucceededAsync(jobId, stale));
        Assert.False(await Database.Jobs.MarkFailedAsync(jobId, stale, "late failure"));
        Assert.False(await Database.Jobs.RequeueAsync(jobId, stale, "late failure"));
        Assert.True(await Database.Jobs.MarkSucceededAsync(jobId, current));

        var job = await Database.Jobs.GetAsync(jobId);
        Assert.Equal((JobState.Succeeded, current, (string?)null), (job!.Status, job.Attempt, job.LastError));
        Assert.NotNull(job.FinishedAt);
    }

    [Fact]
    public async Task Finishing_keeps_the_attempts_measurement_and_a_stale_attempt_cannot_replace_it()
    {
        var (_, jobId, stale) = await StorageTestData.RunningJobAsync(Database);
        var current = await Database.Jobs.ClaimAsync(jobId, "node-b") ?? 0;

        Assert.False(await Database.Jobs.MarkSucceededAsync(jobId, stale, """{"pointId":"stale"}"""));
        Assert.True(await Database.Jobs.MarkSucceededAsync(jobId, current, """{"pointId":"p1","measuredStartNs":5}"""));

        var job = await Database.Jobs.GetAsync(jobId);
        Assert.Contains("\"measuredStartNs\": 5", job!.MeasurementJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finished_job_can_be_neither_claimed_nor_finished_again()
    {
        var (_, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        await Database.Jobs.MarkFailedAsync(jobId, attempt, "engine crashed: SIGSEGV");

        Assert.Null(await Database.Jobs.ClaimAsync(jobId, "node-b"));
        Assert.False(await Database.Jobs.MarkSucceededAsync(jobId, attempt));
        var job = await Database.Jobs.GetAsync(jobId);
        Assert.Equal((JobState.Failed, "engine crashed: SIGSEGV"), (job!.Status, job.LastError));
    }

    [Fact]
    public async Task A_requeued_job_is_pending_and_its_next_claim_is_a_new_attempt()
    {
        var (_, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);

        Assert.True(await Database.Jobs.RequeueAsync(jobId, attempt, "timeout"));
        var pending = await Database.Jobs.GetAsync(jobId);
        var next = await Database.Jobs.ClaimAsync(jobId, "node-b");

        Assert.Equal((JobState.Pending, "timeout"), (pending!.Status, pending.LastError));
        Assert.Equal(attempt + 1, next);
    }

    [Fact]
    public async Task Cancelling_a_run_cancels_its_unfinished_jobs_only()
    {
        var run = StorageTestData.Run();
        await Database.Runs.CreateAsync(run);
        var done = StorageTestData.Job(run.RunId, "p1");
        var running = StorageTestData.Job(run.RunId, "p2");
        var pending = StorageTestData.Job(run.RunId, "p3");
        await Database.Jobs.InsertAsync([done, running, pending]);
        await Database.Jobs.MarkSucceededAsync(done.JobId, await Database.Jobs.ClaimAsync(done.JobId, "node-a") ?? 0);
        var runningAttempt = await Database.Jobs.ClaimAsync(running.JobId, "node-a") ?? 0;

        var cancelled = await Database.Jobs.CancelRunAsync(run.RunId);

        Assert.Equal(2, cancelled);
        Assert.False(await Database.Jobs.MarkSucceededAsync(running.JobId, runningAttempt));
        Assert.Equal(JobState.Succeeded, (await Database.Jobs.GetAsync(done.JobId))!.Status);
    }

    [Fact]
    public async Task A_job_of_an_unknown_run_is_refused_by_the_database()
    {
        var orphan = StorageTestData.Job(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.Jobs.InsertAsync([orphan]));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }
}
