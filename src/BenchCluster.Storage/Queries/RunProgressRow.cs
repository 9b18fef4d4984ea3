using BenchCluster.Storage.Runs;

namespace BenchCluster.Storage.Queries;

/// <summary>One row of v_run_progress: a run and its jobs counted by state.</summary>
public sealed record RunProgressRow
{
    public required Guid RunId { get; init; }
    public required string SuiteName { get; init; }
    public required RunState Status { get; init; }
    public required string SubmittedBy { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int TotalJobs { get; init; }
    public int PendingJobs { get; init; }
    public int RunningJobs { get; init; }
    public int SucceededJobs { get; init; }
    public int FailedJobs { get; init; }
    public int CancelledJobs { get; init; }
    /// <summary>Dispatches beyond each job's first.</summary>
    public int Retries { get; init; }
    /// <summary>Finished jobs (any final state) in percent; null for a run without jobs.</summary>
    public double? PercentDone { get; init; }
    public string? Error { get; init; }
}
