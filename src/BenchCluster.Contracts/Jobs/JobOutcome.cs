namespace BenchCluster.Contracts.Jobs;

/// <summary>
/// What a worker reports back. The samples are already in Postgres (written by the worker, fenced by attempt);
/// when <see cref="Finalized"/> the worker also committed the job's final state with them, in one transaction, so
/// the outcome survives a coordinator that dies meanwhile. This carries the outcome and the measurement's envelope: the measurement layer's JobMeasurement as JSON with
/// its samples left out (stages, measured window, power, provenance).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobOutcome(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] int SamplesWritten,
    [property: Id(4)] string? Error,
    [property: Id(5)] string? MeasurementEnvelopeJson,
    [property: Id(6)] bool StaleAttempt,
    [property: Id(7)] bool Finalized)
{
    /// <summary>A failure before anything was stored (the engine died, the model would not load): the coordinator decides what next.</summary>
    public static JobOutcome Failed(JobAssignment job, string error) =>
        new(job.JobId, job.Attempt, false, 0, error, null, StaleAttempt: false, Finalized: false);
}
