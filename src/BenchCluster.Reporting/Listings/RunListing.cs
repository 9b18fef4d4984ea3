using BenchCluster.Reporting.Exporting;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Listings;

/// <summary>Runs with their jobs counted by state, as `status` and the HTTP API's run list print them.</summary>
public static class RunListing
{
    public static RowExporter<RunProgressRow> Exporter { get; } = new(
    [
        new("run_id", "run", r => r.RunId),
        new("suite_name", "suite", r => r.SuiteName),
        new("status", "status", r => r.Status),
        new("submitted_by", "by", r => r.SubmittedBy),
        new("submitted_at", "submitted", r => r.SubmittedAt),
        new("started_at", "started", r => r.StartedAt) { Detail = true },
        new("finished_at", "finished", r => r.FinishedAt) { Detail = true },
        new("total_jobs", "jobs", r => r.TotalJobs),
        new("pending_jobs", "pending", r => r.PendingJobs) { Detail = true },
        new("running_jobs", "running", r => r.RunningJobs) { Detail = true },
        new("succeeded_jobs", "done", r => r.SucceededJobs),
        new("failed_jobs", "failed", r => r.FailedJobs),
        new("cancelled_jobs", "cancelled", r => r.CancelledJobs) { Detail = true },
        new("retries", "retries", r => r.Retries) { Detail = true },
        new("percent_done", "%", r => r.PercentDone),
        new("error", "error", r => r.Error) { Detail = true },
    ]);
}
