using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Samples;
using BenchCluster.Testing;

namespace BenchCluster.Storage.Tests.Samples;

public sealed class SampleWriterTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private BenchClusterDatabase Database => fixture.Database;

    [Fact]
    public async Task Writes_every_row_of_the_current_attempt()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);

        var result = await Database.Samples.WriteAsync(runId, jobId, attempt, StorageTestData.Samples(50));

        Assert.Equal((SampleWriteOutcome.Written, 50), (result.Outcome, result.RowsInserted));
        Assert.Equal(50, await CountSamplesAsync(jobId));
    }

    [Fact]
    public async Task Writing_the_same_batch_twice_stores_it_once()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        var batch = StorageTestData.Samples(20);

        await Database.Samples.WriteAsync(runId, jobId, attempt, batch);
        var again = await Database.Samples.WriteAsync(runId, jobId, attempt, [.. batch, StorageTestData.Sample(20)]);

        Assert.Equal((SampleWriteOutcome.Written, 1), (again.Outcome, again.RowsInserted));
        Assert.Equal(21, await CountSamplesAsync(jobId));
    }

    [Fact]
    public async Task A_repeated_write_stores_nothing_and_the_next_batch_still_goes_in()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        var batch = StorageTestData.Samples(10);
        var next = Enumerable.Range(10, 10).Select(seq => StorageTestData.Sample(seq)).ToList();

        var first = await Database.Samples.WriteAsync(runId, jobId, attempt, batch);
        var repeated = await Database.Samples.WriteAsync(runId, jobId, attempt, batch);
        var following = await Database.Samples.WriteAsync(runId, jobId, attempt, next);

        Assert.Equal((10, 0, 10), (first.RowsInserted, repeated.RowsInserted, following.RowsInserted));
        Assert.Equal(20, await CountSamplesAsync(jobId));
    }

    [Fact]
    public async Task Samples_and_the_jobs_final_state_are_stored_together()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);

        var result = await Database.Samples.WriteAsync(runId, jobId, attempt, StorageTestData.Samples(3), JobCompletion.Succeeded("""{"pointId":"p"}"""));

        Assert.Equal((SampleWriteOutcome.Written, 3, JobState.Succeeded), (result.Outcome, result.RowsInserted, result.CurrentStatus));
        var job = await Database.Jobs.GetAsync(jobId);
        Assert.Equal(JobState.Succeeded, job!.Status);
        Assert.Contains("\"pointId\"", job.MeasurementJson);
        Assert.NotNull(job.FinishedAt);
        Assert.Equal(3, await CountSamplesAsync(jobId));
    }

    [Fact]
    public async Task A_stale_attempt_can_neither_store_samples_nor_finish_the_job()
    {
        var (runId, jobId, stale) = await StorageTestData.RunningJobAsync(Database);
        var current = await Database.Jobs.ClaimAsync(jobId, "node-b") ?? 0;

        var result = await Database.Samples.WriteAsync(runId, jobId, stale, StorageTestData.Samples(3), JobCompletion.Failed("boom", null));

        Assert.Equal(new SampleWriteResult(SampleWriteOutcome.StaleAttempt, 0, current, JobState.Running), result);
        var job = await Database.Jobs.GetAsync(jobId);
        Assert.Equal((JobState.Running, current, (string?)null), (job!.Status, job.Attempt, job.LastError));
        Assert.Equal(0, await CountSamplesAsync(jobId));
    }

    [Fact]
    public async Task A_retried_final_write_after_a_lost_reply_is_stale_and_changes_nothing()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        var batch = StorageTestData.Samples(4);
        await Database.Samples.WriteAsync(runId, jobId, attempt, batch, JobCompletion.Succeeded(null));

        var retried = await Database.Samples.WriteAsync(runId, jobId, attempt, batch, JobCompletion.Succeeded(null));

        Assert.Equal((SampleWriteOutcome.StaleAttempt, JobState.Succeeded), (retried.Outcome, retried.CurrentStatus));
        Assert.Equal(4, await CountSamplesAsync(jobId));
    }

    [Fact]
    public async Task A_stale_attempt_writes_nothing_and_learns_the_current_attempt()
    {
        var (runId, jobId, stale) = await StorageTestData.RunningJobAsync(Database);
        var current = await Database.Jobs.ClaimAsync(jobId, "node-b") ?? 0;

        var result = await Database.Samples.WriteAsync(runId, jobId, stale, StorageTestData.Samples(5));

        Assert.Equal(new SampleWriteResult(SampleWriteOutcome.StaleAttempt, 0, current, JobState.Running), result);
        Assert.False(result.Accepted);
        Assert.Equal(0, await CountSamplesAsync(jobId));
    }

    [Fact]
    public async Task A_finished_job_accepts_no_more_samples()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        await Database.Jobs.MarkSucceededAsync(jobId, attempt);

        var result = await Database.Samples.WriteAsync(runId, jobId, attempt, StorageTestData.Samples(5));

        Assert.Equal((SampleWriteOutcome.StaleAttempt, JobState.Succeeded), (result.Outcome, result.CurrentStatus));
    }

    [Fact]
    public async Task A_job_of_another_run_is_not_found()
    {
        var (_, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);

        var result = await Database.Samples.WriteAsync(Guid.NewGuid(), jobId, attempt, StorageTestData.Samples(1));

        Assert.Equal(SampleWriteOutcome.JobNotFound, result.Outcome);
    }

    [Fact]
    public async Task Round_trips_arrays_nulls_and_every_column()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        var full = StorageTestData.Sample(0, events: 128) with
        {
            IsWarmup = true, Stage = 2, PromptEndNs = 2_500, ServerPromptTokens = 17, ServerOutputTokens = 127, RequestedOutputTokens = 128,
            EventTokenCounts = Enumerable.Range(0, 128).Select(i => i % 3 + 1).ToArray(),
        };
        var failed = new SampleRow { Seq = 1, Kind = "Request", SentNs = 5, EndNs = 9, Error = "HTTP 503 from http://gpu-1:8080: overloaded" };

        await Database.Samples.WriteAsync(runId, jobId, attempt, [full, failed]);
        var stored = await Database.StoredSamples.ReadAsync(jobId, attempt);

        Assert.Equal(full, stored[0], SampleRowComparer.Instance);
        Assert.Equal(failed, stored[1], SampleRowComparer.Instance);
    }

    [Fact]
    public async Task The_row_by_row_path_stores_the_same_rows_and_is_fenced_the_same_way()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        var writer = new RowByRowSampleWriter(Database.DataSource);
        var batch = StorageTestData.Samples(10, events: 8);

        var first = await writer.WriteAsync(runId, jobId, attempt, batch);
        var again = await writer.WriteAsync(runId, jobId, attempt, batch);
        var stale = await writer.WriteAsync(runId, jobId, attempt - 1, batch);

        Assert.Equal((10, 0, SampleWriteOutcome.StaleAttempt), (first.RowsInserted, again.RowsInserted, stale.Outcome));
        Assert.Equal(batch, await Database.StoredSamples.ReadAsync(jobId, attempt), SampleRowComparer.Instance);
    }

    [Fact]
    public async Task Rejects_unpaired_event_arrays_naming_the_sample()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        var broken = StorageTestData.Sample(7) with { EventTokenCounts = [1] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Database.Samples.WriteAsync(runId, jobId, attempt, [broken]));

        Assert.Contains("seq 7", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountSamplesAsync(jobId));
    }

    private Task<long> CountSamplesAsync(Guid jobId) =>
        StorageTestData.CountAsync(Database, $"SELECT count(*) FROM samples WHERE job_id = '{jobId}'");
}
