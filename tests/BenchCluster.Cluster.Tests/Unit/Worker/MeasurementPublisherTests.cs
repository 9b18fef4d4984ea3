using BenchCluster.Cluster.Tests.Unit.Dispatch;
using BenchCluster.Contracts.Jobs;
using BenchCluster.Grains.Worker;
using BenchCluster.Measurement.Samples;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Samples;
using BenchCluster.Testing.Reliability;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.Cluster.Tests.Unit.Worker;

/// <summary>
/// The worker keeps a finished measurement until it is stored: its final write is retried through a Postgres outage,
/// each try fenced again, and only a lasting outage fails the job. Driven through a fake write, no Postgres.
/// </summary>
public sealed class MeasurementPublisherTests
{
    private static readonly JobAssignment Job = new(Guid.NewGuid(), Guid.NewGuid(), 3, "{}", "n1");

    [Fact]
    public async Task A_transient_error_during_the_final_write_is_retried_and_the_samples_are_stored_once()
    {
        var writes = new List<FinishedJob>();
        var failures = new Queue<Exception>([PostgresFaults.AdminShutdown(), PostgresFaults.ConnectionRefused(), PostgresFaults.StartingUp()]);
        await using var publisher = Publisher(jobs =>
        {
            writes.AddRange(jobs);
            if (failures.TryDequeue(out var error))
                throw error;
            return jobs.Select(j => new SampleWriteResult(SampleWriteOutcome.Written, j.Rows.Count, j.Attempt, j.Completion.Status)).ToList();
        });

        var outcome = await publisher.PublishAsync(Job, Measurement(measured: 5), CancellationToken.None);

        Assert.Equal((JobOutcomeKind.Succeeded, true, 6), (outcome.Kind, outcome.Stored, outcome.SamplesWritten));
        Assert.Equal(4, writes.Count); // three failed tries, one that stored
        Assert.All(writes, w => Assert.Equal((Job.JobId, Job.Attempt, 6, JobState.Succeeded), (w.JobId, w.Attempt, w.Rows.Count, w.Completion.Status)));
        ReliabilityLog.Fault(new FaultRecord("transient Postgres error during a job's final write (worker)",
            "the finished measurement was kept and its write retried with capped backoff until stored", null, null,
            "1 of 1 job stored once with all 6 samples after 3 failed tries", $"{nameof(MeasurementPublisherTests)}.{nameof(A_transient_error_during_the_final_write_is_retried_and_the_samples_are_stored_once)}"));
    }

    [Fact]
    public async Task A_write_whose_commit_landed_before_the_connection_died_counts_as_stored_not_stale()
    {
        var tries = 0;
        await using var publisher = Publisher(jobs =>
        {
            if (++tries == 1)
                throw PostgresFaults.AdminShutdown(); // committed, but the answer was lost
            return jobs.Select(j => new SampleWriteResult(SampleWriteOutcome.StaleAttempt, 0, j.Attempt, JobState.Succeeded)).ToList();
        });

        var outcome = await publisher.PublishAsync(Job, Measurement(measured: 2), CancellationToken.None);

        Assert.Equal((JobOutcomeKind.Succeeded, true, 3), (outcome.Kind, outcome.Stored, outcome.SamplesWritten));
    }

    [Fact]
    public async Task A_lasting_outage_reports_the_job_failed_and_not_stored_after_a_bounded_number_of_tries()
    {
        var tries = 0;
        await using var publisher = Publisher(_ =>
        {
            tries++;
            throw PostgresFaults.ConnectionRefused();
        });

        var outcome = await publisher.PublishAsync(Job, Measurement(measured: 2), CancellationToken.None);

        Assert.Equal((JobOutcomeKind.Failed, false), (outcome.Kind, outcome.Stored));
        Assert.Contains("could not be stored", outcome.Error);
        Assert.Equal(DispatchScenario.FastRetry.MaxRetries + 1, tries);
    }

    [Fact]
    public async Task A_superseded_attempt_is_stale_and_not_retried()
    {
        var tries = 0;
        await using var publisher = Publisher(jobs =>
        {
            tries++;
            return jobs.Select(j => new SampleWriteResult(SampleWriteOutcome.StaleAttempt, 0, j.Attempt + 1, JobState.Running)).ToList();
        });

        var outcome = await publisher.PublishAsync(Job, Measurement(measured: 2), CancellationToken.None);

        Assert.Equal((JobOutcomeKind.Stale, false, 1), (outcome.Kind, outcome.Stored, tries));
    }

    [Fact]
    public async Task A_measurement_without_a_measured_sample_is_stored_as_a_failure_with_its_reason()
    {
        FinishedJob? written = null;
        await using var publisher = Publisher(jobs =>
        {
            written = jobs[0];
            return jobs.Select(j => new SampleWriteResult(SampleWriteOutcome.Written, j.Rows.Count, j.Attempt, j.Completion.Status)).ToList();
        });

        var outcome = await publisher.PublishAsync(Job, Measurement(measured: 0), CancellationToken.None);

        Assert.Equal((JobOutcomeKind.Failed, true), (outcome.Kind, outcome.Stored));
        Assert.Equal(JobState.Failed, written!.Completion.Status);
        Assert.Contains("without a measured sample", written.Completion.Error);
        ReliabilityLog.Fault(new FaultRecord("a job finishes with zero measured samples (worker)",
            "stored as failed with the reason 'finished without a measured sample', never as a success", null, null,
            "0 of 1 empty jobs counted as succeeded", $"{nameof(MeasurementPublisherTests)}.{nameof(A_measurement_without_a_measured_sample_is_stored_as_a_failure_with_its_reason)}"));
    }

    private static MeasurementPublisher Publisher(Func<IReadOnlyList<FinishedJob>, IReadOnlyList<SampleWriteResult>> write) =>
        new((jobs, _) => Task.FromResult(write(jobs)), DispatchScenario.FastRetry, NullLogger.Instance);

    /// <summary>One warm-up sample and <paramref name="measured"/> measured ones.</summary>
    private static JobMeasurement Measurement(int measured) => new()
    {
        PointId = "p",
        Repetition = 0,
        MeasuredStartNs = 0,
        MeasuredEndNs = 1_000,
        Samples = Enumerable.Range(0, measured + 1).Select(i => new Sample
        {
            Seq = i,
            Kind = SampleKind.Generation,
            IsWarmup = i == 0,
            SentNs = i * 10,
            EndNs = i * 10 + 5,
            OutputTokens = 8,
        }).ToList(),
    };
}
