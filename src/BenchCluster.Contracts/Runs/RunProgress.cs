namespace BenchCluster.Contracts.Runs;

/// <summary>A snapshot of a run: job counts by status and what happened last.</summary>
[GenerateSerializer, Immutable]
public sealed record RunProgress(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] RunStatus Status,
    [property: Id(2)] int TotalJobs,
    [property: Id(3)] int PendingJobs,
    [property: Id(4)] int RunningJobs,
    [property: Id(5)] int SucceededJobs,
    [property: Id(6)] int FailedJobs,
    [property: Id(7)] IReadOnlyList<string> RecentEvents,
    [property: Id(8)] string? Error)
{
    public int FinishedJobs => SucceededJobs + FailedJobs;
}
