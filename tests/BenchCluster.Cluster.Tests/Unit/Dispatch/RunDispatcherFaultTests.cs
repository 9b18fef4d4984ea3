using BenchCluster.Contracts.Jobs;
using BenchCluster.Grains.Coordinator.Dispatch;
using BenchCluster.Storage.Jobs;
using BenchCluster.Testing.Reliability;
using Npgsql;

namespace BenchCluster.Cluster.Tests.Unit.Dispatch;

/// <summary>The dispatcher's fault paths, driven through fakes: no Orleans, no Postgres, no timing.</summary>
public sealed class RunDispatcherFaultTests
{
    [Fact]
    public async Task A_transient_Postgres_error_on_claim_is_retried_with_bounded_backoff_and_every_job_runs_once()
    {
        var run = new DispatchScenario();
        run.Store.FailNext(nameof(IRunJobStore.ClaimAsync), PostgresFaults.AdminShutdown(), PostgresFaults.ConnectionRefused(), PostgresFaults.StartingUp());

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        AssertEveryJobSucceededOnce(run);
        Assert.Equal(3, run.Retries.Count);
        Assert.All(run.Retries, r => Assert.InRange(r.Delay, TimeSpan.Zero, DispatchScenario.FastRetry.MaxDelay));
        Assert.Equal(run.Jobs.Count + 3, run.Store.Calls(nameof(IRunJobStore.ClaimAsync)));
        Record("transient Postgres error (57P01, refused, 57P03) on a claim", "the claim was retried with capped backoff; every job ran once", run);
    }

    [Fact]
    public async Task A_transient_Postgres_error_on_a_completion_is_retried_and_the_job_is_not_lost()
    {
        var run = new DispatchScenario();
        var crashedOnce = new HashSet<Guid>();
        run.Workers.Behaviour = (_, a) => crashedOnce.Add(a.JobId) ? JobOutcome.EngineCrashed(a, "engine crashed: SIGSEGV") : run.Workers.Succeed(a);
        run.Store.FailNext(nameof(IRunJobStore.RequeueAsync), PostgresFaults.AdminShutdown(), PostgresFaults.ConnectionRefused());

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        Assert.All(run.Jobs, job => Assert.Equal((JobState.Succeeded, 2), (run.Store[job.JobId].State, run.Store[job.JobId].Attempt)));
        Assert.Equal(2, run.Retries.Count);
        Assert.Empty(run.Dispatcher.MissingPoints());
        Record("transient Postgres error on a completion (requeue after an engine crash)", "the update was retried; the job ran again and succeeded", run);
    }

    [Fact]
    public async Task Retries_are_bounded_and_a_lasting_outage_reaches_the_host()
    {
        var run = new DispatchScenario();
        var tries = DispatchScenario.FastRetry.MaxRetries + 1;
        run.Store.FailNext(nameof(IRunJobStore.ClaimAsync), Enumerable.Range(0, tries).Select(_ => (Exception)PostgresFaults.ConnectionRefused()).ToArray());

        var error = await Assert.ThrowsAsync<NpgsqlException>(run.RunAsync);

        Assert.True(error.IsTransient);
        Assert.Equal(DispatchScenario.FastRetry.MaxRetries, run.Retries.Count);
        Assert.Empty(run.Workers.Ran);
    }

    [Fact]
    public async Task An_error_that_is_not_transient_is_not_retried()
    {
        var run = new DispatchScenario();
        run.Store.FailNext(nameof(IRunJobStore.ClaimAsync), PostgresFaults.UniqueViolation());

        await Assert.ThrowsAsync<PostgresException>(run.RunAsync);

        Assert.Empty(run.Retries);
        Assert.Equal(1, run.Store.Calls(nameof(IRunJobStore.ClaimAsync)));
    }

    [Fact]
    public async Task A_call_that_fails_while_its_node_stays_alive_is_retried_and_not_failed_for_good()
    {
        var run = new DispatchScenario();
        run.Workers.CallFaults.Enqueue(new TaskCanceledException("the call timed out while the grain directory recovered"));

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        AssertEveryJobSucceeded(run);
        Assert.Contains(run.Jobs, job => run.Store[job.JobId].Attempt == 2);
        Assert.Contains(run.Observer.Events, line => line.Contains("the call to node n1 failed: TaskCanceledException", StringComparison.Ordinal) && line.Contains("retrying", StringComparison.Ordinal));
        Record("a grain call that fails while its node stays alive (timeout during directory recovery)", "the job was requeued as undelivered and ran again; nothing failed for good", run);
    }

    [Fact]
    public async Task A_worker_lost_mid_job_hands_its_jobs_to_the_other_node_and_each_runs_once()
    {
        var run = new DispatchScenario(2, 2, "n1", "n2");
        var n2Jobs = 0;
        run.Workers.Behaviour = (node, a) =>
        {
            if (node == "n2" && ++n2Jobs == 2)
            {
                run.Workers.Dead.Add("n2");
                throw new FakeWorkerGateway.NodeGoneException("n2");
            }
            return run.Workers.Succeed(a);
        };

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        AssertEveryJobSucceeded(run);
        var ofN2 = run.Jobs.Where(j => j.NodeName == "n2").Select(j => j.JobId).ToHashSet();
        var moved = run.Workers.Ran.Where(r => ofN2.Contains(r.Assignment.JobId) && r.Node == "n1").ToList();
        Assert.Equal(3, moved.Count); // the job in flight and the two still queued
        Assert.Contains(moved, r => r.Assignment.Attempt == 2); // the one in flight was dispatched again
        Assert.Contains(run.Observer.Events, e => e.Contains("node n2 lost"));
        Assert.Empty(run.Dispatcher.MissingPoints());
        Record("worker lost mid-job (unit, fakes)", "its in-flight job and its queue moved to the live node holding the model", run);
    }

    [Fact]
    public async Task A_fenced_update_that_matches_no_row_makes_the_dispatcher_read_the_job_again()
    {
        var run = new DispatchScenario(repetitions: 1);
        var victim = run.Jobs[0].JobId;
        // The worker says "failed, not stored", but its commit of a success landed first: MarkFailed matches no row.
        run.Workers.Behaviour = (_, a) => a.JobId == victim ? JobOutcome.Failed(a, "reply lost") : run.Workers.Succeed(a);
        run.Store.BeforeMarkFailed = id => run.Store.CommitFromWorker(id, run.Store[id].Attempt, JobState.Succeeded);

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        Assert.Equal(JobState.Succeeded, run.RunJobs.StateOf(victim));
        Assert.Empty(run.Dispatcher.MissingPoints());
        Assert.Contains(run.Jobs[0].ResultKey, run.Observer.FinishedPoints);
        Assert.Equal(run.Jobs.Select(j => j.ResultKey).Distinct().Count(), run.Observer.FinishedPoints.Distinct().Count());
        Record("fenced update matching no row", "the coordinator re-read the job from storage and aggregated its point", run);
    }

    [Fact]
    public async Task A_job_storage_still_lists_as_pending_is_dispatched_again_before_the_run_finishes()
    {
        var run = new DispatchScenario(repetitions: 1);
        var victim = run.Jobs[0].JobId;
        var first = true;
        // Someone handed the attempt back to pending (a takeback that raced): MarkFailed finds it no longer running.
        run.Workers.Behaviour = (_, a) => a.JobId == victim && first ? JobOutcome.Failed(a, "reply lost") : run.Workers.Succeed(a);
        run.Store.BeforeMarkFailed = id =>
        {
            first = false;
            run.Store[id] = run.Store[id] with { State = JobState.Pending };
        };

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        Assert.Equal(new StoredJob(JobState.Succeeded, 2, null), run.Store[victim]);
        Assert.Empty(run.Dispatcher.MissingPoints());
    }

    [Fact]
    public async Task A_success_without_a_single_sample_is_a_failure_with_its_reason()
    {
        var run = new DispatchScenario(repetitions: 1);
        run.Workers.Behaviour = (_, a) => run.Workers.Succeed(a, samples: 0);

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        Assert.All(run.Jobs, job =>
        {
            Assert.Equal(JobState.Failed, run.Store[job.JobId].State);
            Assert.Contains("without a single sample", run.Store[job.JobId].LastError);
            Assert.Equal(JobState.Failed, run.RunJobs.StateOf(job.JobId));
        });
        Record("job reported succeeded with zero samples", "stored as failed: 'reported success without a single sample'", run);
    }

    [Fact]
    public async Task A_stale_attempt_stores_nothing_and_the_job_keeps_its_current_state()
    {
        var run = new DispatchScenario(repetitions: 1);
        var victim = run.Jobs[0].JobId;
        // While the worker ran attempt 1, the job was re-dispatched elsewhere and finished there as attempt 2.
        run.Workers.Behaviour = (_, a) =>
        {
            if (a.JobId != victim)
                return run.Workers.Succeed(a);
            run.Store[victim] = new StoredJob(JobState.Succeeded, 2, null);
            return JobOutcome.Stale(a, "attempt 1 was superseded");
        };

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        Assert.Equal(new StoredJob(JobState.Succeeded, 2, null), run.Store[victim]);
        Assert.Equal((JobState.Succeeded, 2), (run.RunJobs.StateOf(victim), run.RunJobs.AttemptOf(victim)));
        Assert.Single(run.Workers.Ran, r => r.Assignment.JobId == victim);
        Assert.Contains(run.Observer.Events, e => e.Contains("superseded"));
        Record("stale attempt reported by a worker", "nothing stored for it; the coordinator took the job's state from storage", run);
    }

    [Fact]
    public async Task An_engine_that_crashes_every_time_fails_the_job_at_the_retry_limit_with_its_reason()
    {
        var run = new DispatchScenario(repetitions: 1, maxAttempts: 3);
        run.Workers.Behaviour = (_, a) => JobOutcome.EngineCrashed(a, "engine crashed: SIGABRT");

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        Assert.All(run.Jobs, job =>
        {
            var stored = run.Store[job.JobId];
            Assert.Equal((JobState.Failed, 3), (stored.State, stored.Attempt));
            Assert.Contains("SIGABRT", stored.LastError);
            Assert.Contains("retry limit", stored.LastError);
        });
        Assert.Equal(run.Jobs.Count * 3, run.Workers.Ran.Count);
        Assert.Empty(run.Dispatcher.MissingPoints()); // failed points still get their (invalid) result
        Record("engine crashes on every attempt", "the job failed at the retry limit (3 attempts) with the crash as its reason", run);
    }

    [Fact]
    public async Task A_hung_engine_fails_the_job_without_a_retry()
    {
        var run = new DispatchScenario(repetitions: 1);
        run.Workers.Behaviour = (_, a) => JobOutcome.TimedOut(a, "engine hung: did not finish Run within 5 s and was killed as hung");

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        Assert.All(run.Jobs, job => Assert.Equal(JobState.Failed, run.Store[job.JobId].State));
        Assert.Equal(run.Jobs.Count, run.Workers.Ran.Count);
        Assert.All(run.Jobs, job => Assert.Contains("hung", run.Store[job.JobId].LastError));
    }

    [Fact]
    public async Task A_coordinator_whose_run_was_taken_over_dispatches_nothing_more()
    {
        var run = new DispatchScenario(repetitions: 2);
        var sent = 0;
        run.Workers.Behaviour = (_, a) =>
        {
            if (++sent == 1)
                run.Store.OwnershipLost = true;
            return run.Workers.Succeed(a);
        };

        Assert.Equal(DispatchEnd.OwnershipLost, await run.RunAsync());

        Assert.Single(run.Workers.Ran);
        Assert.Contains(run.Observer.Events, e => e.Contains("taken over by another coordinator"));
        Record("a second coordinator takes the run over (unit, fakes)", "the first one's claims were refused; it sent no further job", run);
    }

    [Fact]
    public async Task Points_whose_jobs_never_finish_are_named_with_why()
    {
        var run = new DispatchScenario(repetitions: 1);
        var victim = run.Jobs[0];
        run.Store.Unclaimable.Add(victim.JobId); // storage refuses every claim of it yet keeps listing it pending

        Assert.Equal(DispatchEnd.Finished, await run.RunAsync());

        var missing = Assert.Single(run.Dispatcher.MissingPoints());
        Assert.Contains(victim.Spec.Point.Label, missing);
        Assert.Contains("never finished (rep 0 pending)", missing);
        Assert.DoesNotContain(victim.ResultKey, run.Observer.FinishedPoints);
        Record("a job storage keeps unfinished", "the run finished naming the point without a result and why", run);
    }

    private static void AssertEveryJobSucceededOnce(DispatchScenario run)
    {
        AssertEveryJobSucceeded(run);
        Assert.Equal(run.Jobs.Count, run.Workers.Ran.Count);
        Assert.Equal(run.Jobs.Count, run.Workers.Ran.Select(r => r.Assignment.JobId).Distinct().Count());
    }

    private static void AssertEveryJobSucceeded(DispatchScenario run)
    {
        Assert.All(run.Jobs, job => Assert.Equal(JobState.Succeeded, run.Store[job.JobId].State));
        Assert.All(run.Jobs, job => Assert.Equal(JobState.Succeeded, run.RunJobs.StateOf(job.JobId)));
        Assert.Empty(run.Dispatcher.MissingPoints());
    }

    private static void Record(string fault, string whatHappened, DispatchScenario run, [System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        ReliabilityLog.Fault(new FaultRecord(fault, whatHappened, null, null,
            $"{run.Jobs.Count(j => run.Store[j.JobId].State is JobState.Succeeded or JobState.Failed)} of {run.Jobs.Count} jobs final, " +
            $"{run.Dispatcher.MissingPoints().Count} point(s) without a result", $"{nameof(RunDispatcherFaultTests)}.{test}"));
}
