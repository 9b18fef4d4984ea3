namespace BenchCluster.Contracts.Jobs;

/// <summary>
/// What a worker reports back. Samples are already in Postgres (written by the worker, fenced by attempt);
/// this carries only the outcome and provenance.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobOutcome(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] int SamplesWritten,
    [property: Id(4)] string? Error,
    [property: Id(5)] string ProvenanceJson,
    [property: Id(6)] bool StaleAttempt)
{
    public static JobOutcome Failed(JobAssignment job, string error) =>
        new(job.JobId, job.Attempt, false, 0, error, "{}", false);
}
