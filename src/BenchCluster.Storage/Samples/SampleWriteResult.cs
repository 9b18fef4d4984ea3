using BenchCluster.Storage.Jobs;

namespace BenchCluster.Storage.Samples;

/// <summary>
/// The outcome of a sample write, with the job's attempt and state as the writer found them (for the log line
/// that explains a rejection).
/// </summary>
public sealed record SampleWriteResult(SampleWriteOutcome Outcome, int RowsInserted, int CurrentAttempt, JobState? CurrentStatus)
{
    public bool Accepted => Outcome == SampleWriteOutcome.Written;
}
