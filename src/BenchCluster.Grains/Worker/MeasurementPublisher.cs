using System.Diagnostics;
using BenchCluster.Contracts.Jobs;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Samples;
using BenchCluster.Storage;
using BenchCluster.Storage.Batching;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Resilience;
using BenchCluster.Storage.Samples;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// Stores what a job measured, straight from the worker to Postgres (never through grain state): the raw samples by
/// binary COPY and the job's final state, in one transaction fenced by the job's attempt, so a worker that was given
/// up on cannot write over its successor, and a coordinator that dies meanwhile finds the job finished. Jobs that
/// finish while a write is under way share the next transaction (group commit); a lone job is written at once.
/// A finished measurement is kept in memory until it is stored: a transient Postgres error (a restart) is retried
/// with bounded backoff, each try fenced again, and only when the retries run out is the job reported failed.
/// </summary>
public sealed class MeasurementPublisher : IAsyncDisposable
{
    /// <summary>Most job attempts one transaction stores.</summary>
    public const int MaxJobsPerTransaction = 64;

    private readonly GroupCommitQueue<FinishedJob, SampleWriteResult> _queue;
    private readonly PostgresRetry _retry;
    private readonly ILogger _logger;

    public MeasurementPublisher(BenchClusterDatabase database, ILogger<MeasurementPublisher> logger)
        : this(database.FinishedJobs.WriteAsync, PostgresRetryOptions.Default, logger)
    {
    }

    /// <param name="write">Stores finished attempts in one transaction (Postgres: <see cref="FinishedJobWriter"/>).</param>
    internal MeasurementPublisher(
        Func<IReadOnlyList<FinishedJob>, CancellationToken, Task<IReadOnlyList<SampleWriteResult>>> write, PostgresRetryOptions retry, ILogger logger)
    {
        _logger = logger;
        _queue = new GroupCommitQueue<FinishedJob, SampleWriteResult>(write, MaxJobsPerTransaction);
        _retry = new PostgresRetry(retry, attempt => logger.LogWarning(
            "could not store a finished job ({Error}); try {Try} failed, trying again in {Delay:0.0} s",
            TransientPostgresError.Describe(attempt.Error), attempt.FailedTry, attempt.Delay.TotalSeconds));
    }

    public async Task<JobOutcome> PublishAsync(JobAssignment job, JobMeasurement measurement, CancellationToken cancellationToken)
    {
        var rows = measurement.Samples.Select(SampleRowMapping.ToRow).ToList();
        var envelope = MeasurementJson.Serialize(measurement with { Samples = [] });
        var error = measurement.Error ?? NothingMeasured(measurement);
        var completion = error is null ? JobCompletion.Succeeded(envelope) : JobCompletion.Failed(error, envelope);
        var finished = new FinishedJob(job.RunId, job.JobId, job.Attempt, rows, completion);

        var tries = 0;
        var clock = Stopwatch.StartNew();
        SampleWriteResult written;
        try
        {
            written = await _retry.ExecuteAsync(_ =>
            {
                tries++;
                return _queue.EnqueueAsync(finished);
            }, cancellationToken);
        }
        catch (Exception e) when (TransientPostgresError.Is(e))
        {
            _logger.LogError("job {JobId} attempt {Attempt}: its results could not be stored: {Error}", job.JobId, job.Attempt, TransientPostgresError.Describe(e));
            return JobOutcome.Failed(job, $"its results could not be stored: Postgres stayed unreachable for {clock.Elapsed.TotalSeconds:0} s " +
                                          $"over {tries} tries ({TransientPostgresError.Describe(e)}); check the database, the job will run again");
        }

        if (written.Accepted || (tries > 1 && StoredByAnEarlierTry(written, finished)))
        {
            var samples = written.Accepted ? written.RowsInserted : rows.Count;
            return new JobOutcome(job.JobId, job.Attempt, error is null ? JobOutcomeKind.Succeeded : JobOutcomeKind.Failed, samples, error, envelope, Stored: true);
        }
        _logger.LogWarning(
            "samples of job {JobId} attempt {Attempt} were not stored: {Outcome} (the job is at attempt {Current}, {Status})",
            job.JobId, job.Attempt, written.Outcome, written.CurrentAttempt, written.CurrentStatus);
        return JobOutcome.Stale(job, $"attempt {job.Attempt} was superseded (the job is at attempt {written.CurrentAttempt}); its samples were discarded");
    }

    /// <summary>
    /// A try whose commit reached Postgres but whose answer was lost (the server went down in between) leaves the job
    /// finished by this very attempt: the retry then finds it so, and it is stored, not stale.
    /// </summary>
    private static bool StoredByAnEarlierTry(SampleWriteResult written, FinishedJob finished) =>
        written.Outcome == SampleWriteOutcome.StaleAttempt && written.CurrentAttempt == finished.Attempt && written.CurrentStatus == finished.Completion.Status;

    /// <summary>A job without a single measured sample measured nothing: it is stored as failed, never as a success.</summary>
    private static string? NothingMeasured(JobMeasurement measurement)
    {
        var warmups = measurement.Samples.Count(s => s.IsWarmup);
        return measurement.Samples.Count > warmups
            ? null
            : $"the job finished without a measured sample ({warmups} warm-up sample(s) only), so it measured nothing; check the scenario's settings";
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
