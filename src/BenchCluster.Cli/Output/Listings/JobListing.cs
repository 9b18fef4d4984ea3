using BenchCluster.Reporting.Exporting;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Cli.Output.Listings;

/// <summary>`status RUN`: one run's jobs (the stored spec and measurement JSON stay out; `results` has the numbers).</summary>
internal sealed record JobListing
{
    public required Guid JobId { get; init; }
    public required string PointKey { get; init; }
    public required string Model { get; init; }
    public required string Scenario { get; init; }
    public required int Repetition { get; init; }
    public string? Node { get; init; }
    public string? RanOn { get; init; }
    public required int Attempt { get; init; }
    public required JobState Status { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public static JobListing From(JobRow job) => new()
    {
        JobId = job.JobId, PointKey = job.PointKey, Model = job.ModelRef, Scenario = job.Scenario, Repetition = job.Repetition,
        Node = job.NodeName, RanOn = job.AssignedNode, Attempt = job.Attempt, Status = job.Status, Error = job.LastError,
        QueuedAt = job.QueuedAt, StartedAt = job.StartedAt, FinishedAt = job.FinishedAt,
    };

    public static RowExporter<JobListing> Exporter { get; } = new(
    [
        new("job_id", "job", j => j.JobId),
        new("point_key", "point", j => j.PointKey) { Detail = true },
        new("model", "model", j => j.Model),
        new("scenario", "scenario", j => j.Scenario),
        new("repetition", "rep", j => j.Repetition),
        new("node", "node", j => j.Node),
        new("ran_on", "ran on", j => j.RanOn),
        new("attempt", "attempt", j => j.Attempt),
        new("status", "status", j => j.Status),
        new("error", "error", j => j.Error),
        new("queued_at", "queued", j => j.QueuedAt) { Detail = true },
        new("started_at", "started", j => j.StartedAt) { Detail = true },
        new("finished_at", "finished", j => j.FinishedAt) { Detail = true },
    ]);
}
