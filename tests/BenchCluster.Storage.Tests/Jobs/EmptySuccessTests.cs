using BenchCluster.Storage.Jobs;
using BenchCluster.Testing;

namespace BenchCluster.Storage.Tests.Jobs;

/// <summary>A success stored without a measured sample is turned into a failure; one with samples is left alone.</summary>
public sealed class EmptySuccessTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private BenchClusterDatabase Database => fixture.Database;

    [Fact]
    public async Task A_success_without_measured_samples_becomes_a_failure_with_the_reason()
    {
        var (_, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        Assert.True(await Database.Jobs.MarkSucceededAsync(jobId, attempt));

        Assert.True(await Database.Jobs.FailEmptySuccessAsync(jobId, attempt, "no sample"));

        var job = await Database.Jobs.GetAsync(jobId);
        Assert.Equal((JobState.Failed, "no sample"), (job!.Status, job.LastError));
    }

    [Fact]
    public async Task A_success_with_samples_or_of_another_attempt_is_left_alone()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(Database);
        var written = await Database.Samples.WriteAsync(runId, jobId, attempt, StorageTestData.Samples(3), JobCompletion.Succeeded(null));
        Assert.True(written.Accepted);

        Assert.False(await Database.Jobs.FailEmptySuccessAsync(jobId, attempt, "no sample"));
        Assert.False(await Database.Jobs.FailEmptySuccessAsync(jobId, attempt + 1, "no sample"));

        Assert.Equal(JobState.Succeeded, (await Database.Jobs.GetAsync(jobId))!.Status);
    }
}
