using BenchCluster.Grains.Coordinator;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Cluster.Tests.Unit.Dispatch;

/// <summary>A finished run says what failed and which points have no result, or nothing when all went well.</summary>
public sealed class RunSummaryTests
{
    [Fact]
    public void A_run_with_every_job_succeeded_has_no_error()
    {
        var run = new DispatchScenario(repetitions: 1);
        foreach (var job in run.Jobs)
            run.RunJobs.Set(job.JobId, JobState.Succeeded);

        var summary = RunSummary.Describe(run.RunId, run.RunJobs, []);

        Assert.Null(summary.Error);
        Assert.Contains($"{run.Jobs.Count} jobs succeeded, 0 failed", summary.Line);
    }

    [Fact]
    public void Failed_jobs_and_missing_points_are_named_in_the_error()
    {
        var run = new DispatchScenario(repetitions: 1);
        run.RunJobs.Set(run.Jobs[0].JobId, JobState.Failed);
        var missing = Enumerable.Range(0, 12).Select(i => $"point {i} on n1: 1 repetition(s) never finished (rep 0 pending)").ToList();

        var summary = RunSummary.Describe(run.RunId, run.RunJobs, missing);

        Assert.Contains($"1 of {run.Jobs.Count} jobs failed", summary.Error);
        Assert.Contains("12 point(s) have no result: point 0 on n1", summary.Error);
        Assert.Contains("point 9 on n1", summary.Error);
        Assert.DoesNotContain("point 10 on n1", summary.Error);
        Assert.Contains("and 2 more", summary.Error);
        Assert.Contains("12 point(s) without a result", summary.Line);
    }
}
