using BenchCluster.Contracts.Jobs;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Samples;
using BenchCluster.Storage;
using BenchCluster.Storage.Batching;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Samples;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// Stores what a job measured, straight from the worker to Postgres (never through grain state): the raw samples by
/// binary COPY and the job's final state, in one transaction fenced by the job's attempt, so a worker that was given
/// up on cannot write over its successor, and a coordinator that dies meanwhile finds the job finished. Jobs that
/// finish while a write is under way share the next transaction (group commit); a lone job is written at once.
/// </summary>
public sealed class MeasurementPublisher : IAsyncDisposable
{
    /// <summary>Most job attempts one transaction stores.</summary>
    public const int MaxJobsPerTransaction = 64;

    private readonly GroupCommitQueue<FinishedJob, SampleWriteResult> _queue;
    private readonly ILogger<MeasurementPublisher> _logger;

    public MeasurementPublisher(BenchClusterDatabase database, ILogger<MeasurementPublisher> logger)
    {
        _logger = logger;
        _queue = new GroupCommitQueue<FinishedJob, SampleWriteResult>(database.FinishedJobs.WriteAsync, MaxJobsPerTransaction);
    }

    public async Task<JobOutcome> PublishAsync(JobAssignment job, JobMeasurement measurement, CancellationToken cancellationToken)
    {
        var rows = measurement.Samples.Select(SampleRowMapping.ToRow).ToList();
        var envelope = MeasurementJson.Serialize(measurement with { Samples = [] });
        var completion = measurement.Error is null ? JobCompletion.Succeeded(envelope) : JobCompletion.Failed(measurement.Error, envelope);
        var written = await _queue.EnqueueAsync(new FinishedJob(job.RunId, job.JobId, job.Attempt, rows, completion));
        if (!written.Accepted)
        {
            _logger.LogWarning(
                "samples of job {JobId} attempt {Attempt} were not stored: {Outcome} (the job is at attempt {Current}, {Status})",
                job.JobId, job.Attempt, written.Outcome, written.CurrentAttempt, written.CurrentStatus);
            return new JobOutcome(job.JobId, job.Attempt, false, 0,
                $"attempt {job.Attempt} was superseded (the job is at attempt {written.CurrentAttempt}); its samples were discarded",
                envelope, StaleAttempt: true, Finalized: false);
        }
        return new JobOutcome(job.JobId, job.Attempt, measurement.Error is null, written.RowsInserted, measurement.Error, envelope,
            StaleAttempt: false, Finalized: true);
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
