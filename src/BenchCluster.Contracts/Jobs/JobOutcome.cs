namespace BenchCluster.Contracts.Jobs;

/// <summary>
/// What a worker reports back about one job attempt. The samples are already in Postgres (written by the worker,
/// fenced by attempt); when <see cref="Stored"/> the worker also committed the job's final state with them, in one
/// transaction, so the outcome survives a coordinator that dies meanwhile. <see cref="MeasurementEnvelopeJson"/> is
/// the measurement layer's JobMeasurement as JSON with its samples left out (stages, measured window, power, provenance).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobOutcome(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] JobOutcomeKind Kind,
    [property: Id(3)] int SamplesWritten,
    [property: Id(4)] string? Error,
    [property: Id(5)] string? MeasurementEnvelopeJson,
    [property: Id(6)] bool Stored)
{
    public bool Succeeded => Kind == JobOutcomeKind.Succeeded;

    /// <summary>A failure before anything was stored (the model would not load, the endpoint is not one): the coordinator decides what next.</summary>
    public static JobOutcome Failed(JobAssignment job, string error) => new(job.JobId, job.Attempt, JobOutcomeKind.Failed, 0, error, null, Stored: false);

    /// <summary>The engine child died during the job; nothing was stored.</summary>
    public static JobOutcome EngineCrashed(JobAssignment job, string error) => new(job.JobId, job.Attempt, JobOutcomeKind.EngineCrashed, 0, error, null, Stored: false);

    /// <summary>The engine hung past the job timeout and was killed; nothing was stored.</summary>
    public static JobOutcome TimedOut(JobAssignment job, string error) => new(job.JobId, job.Attempt, JobOutcomeKind.TimedOut, 0, error, null, Stored: false);

    /// <summary>The call carrying the job failed while its node stayed alive: nothing was reported; another attempt follows.</summary>
    public static JobOutcome Undelivered(JobAssignment job, string error) => new(job.JobId, job.Attempt, JobOutcomeKind.Undelivered, 0, error, null, Stored: false);

    /// <summary>The attempt was fenced out when its results were written; nothing was stored.</summary>
    public static JobOutcome Stale(JobAssignment job, string reason) => new(job.JobId, job.Attempt, JobOutcomeKind.Stale, 0, reason, null, Stored: false);
}
