using System.Diagnostics;
using BenchCluster.Contracts.Jobs;
using BenchCluster.Storage.Jobs;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>
/// Dispatches one run's jobs: a lane per node (and slot) sends batches of queued jobs to the node, applies what comes
/// back, retries an engine crash once, takes back and moves the jobs of a node that died, and fails what cannot run.
/// Storage is the truth: when an update of its own matches no row, it re-reads the job instead of guessing, and before
/// it reports the run finished it compares every job with storage. Not thread-safe: its host runs it one turn at a
/// time (a grain activation), as every await resumes on the host's scheduler.
/// </summary>
public sealed class RunDispatcher(
    Guid runId, RunJobs jobs, IRunJobStore store, IWorkerGateway workers, IDispatchObserver observer, DispatchSettings settings,
    NodeRelocation relocation)
{
    /// <summary>Jobs faster than this (each) may be sent several per call.</summary>
    private const double ShortJobMilliseconds = 50;
    private const int MaxBatch = 64;
    /// <summary>Rounds of comparing with storage and dispatching what it still lists as unfinished.</summary>
    private const int MaxSweeps = 3;

    private readonly Dictionary<(string Node, int Slot), Task> _lanes = [];
    private readonly HashSet<string> _lostNodes = new(StringComparer.Ordinal);
    private bool _ownershipLost;

    public RunJobs Jobs => jobs;

    public async Task<DispatchEnd> RunAsync(CancellationToken cancellationToken)
    {
        for (var sweep = 1; ; sweep++)
        {
            foreach (var node in jobs.NodesWithQueuedJobs.ToList())
                EnsureLane(node, cancellationToken);
            // A lane that failed before the first await is already complete: awaiting all once more surfaces its error.
            do
                await Task.WhenAll(_lanes.Values.ToList());
            while (_lanes.Values.Any(lane => !lane.IsCompleted));
            if (cancellationToken.IsCancellationRequested)
                return DispatchEnd.Cancelled;
            if (_ownershipLost)
                return DispatchEnd.OwnershipLost;
            if (!await RequeueWhatStorageListsUnfinishedAsync(cancellationToken) || sweep == MaxSweeps)
                return DispatchEnd.Finished;
        }
    }

    /// <summary>Points whose repetitions did not all finish, each with why: a complete run has none.</summary>
    public IReadOnlyList<string> MissingPoints() => jobs.ResultKeys.Where(key => !jobs.IsFinished(key)).Select(key =>
    {
        var open = jobs.JobsOf(key).Where(j => !RunJobs.IsFinal(jobs.StateOf(j.JobId))).ToList();
        return $"{open[0].Spec.Point.Label} on {key.NodeName}: {open.Count} repetition(s) never finished " +
               $"({string.Join(", ", open.Select(j => $"rep {j.Spec.Repetition} {jobs.StateOf(j.JobId).ToString().ToLowerInvariant()}"))})";
    }).ToList();

    private void EnsureLane(string node, CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < settings.JobsPerNode; slot++)
        {
            if (_lanes.TryGetValue((node, slot), out var lane) && !lane.IsCompleted)
                continue;
            _lanes[(node, slot)] = LaneAsync(node, cancellationToken);
        }
    }

    /// <summary>
    /// One node's jobs, one batch at a time per lane: measurements on a node must not disturb each other. Batches grow
    /// while jobs stay under <see cref="ShortJobMilliseconds"/> each and fall back to one after a slow job, so long
    /// benchmark jobs report one by one and progress stays live.
    /// </summary>
    private async Task LaneAsync(string node, CancellationToken cancellationToken)
    {
        var batchSize = 1;
        while (!cancellationToken.IsCancellationRequested && !_lostNodes.Contains(node) && !_ownershipLost)
        {
            var batch = jobs.DequeueBatch(node, batchSize);
            if (batch.Count == 0)
                return;
            var clock = Stopwatch.StartNew();
            await RunBatchAsync(node, batch, cancellationToken);
            batchSize = clock.Elapsed.TotalMilliseconds / batch.Count < ShortJobMilliseconds ? Math.Min(batchSize * 2, MaxBatch) : 1;
        }
    }

    private async Task RunBatchAsync(string node, IReadOnlyList<PlannedJob> batch, CancellationToken cancellationToken)
    {
        var claims = await Task.WhenAll(batch.Select(job => StoreAsync(token => store.ClaimAsync(job.JobId, node, token), cancellationToken)));
        var claimed = new List<(PlannedJob Job, int Attempt)>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (claims[i].Attempt is { } attempt)
            {
                jobs.Set(batch[i].JobId, JobState.Running, attempt);
                claimed.Add((batch[i], attempt));
            }
            else if (!claims[i].StillOwner)
                LoseOwnership();
            else
                await RereadAsync(batch[i], cancellationToken);
        }
        if (claimed.Count == 0 || _ownershipLost)
            return;

        var assignments = claimed.Select(c => new JobAssignment(runId, c.Job.JobId, c.Attempt, c.Job.SpecJson, node)).ToList();
        IReadOnlyList<JobOutcome> outcomes;
        try
        {
            outcomes = await workers.RunJobsAsync(node, claimed[0].Job.ModelSha256, assignments, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (await IsNodeLostAsync(node, e))
            {
                await TakeBackAsync(node, claimed, e, cancellationToken);
                await RelocateAsync(node, e, cancellationToken);
                return;
            }
            outcomes = assignments.Select(a => JobOutcome.Failed(a, $"{e.GetType().Name}: {e.Message}")).ToList();
        }
        for (var i = 0; i < claimed.Count; i++)
        {
            var outcome = i < outcomes.Count && outcomes[i].JobId == assignments[i].JobId && outcomes[i].Attempt == assignments[i].Attempt
                ? outcomes[i]
                : JobOutcome.Failed(assignments[i], $"node {node} answered {outcomes.Count} outcome(s) for {assignments.Count} job(s), not one per job in order");
            await ApplyOutcomeAsync(node, claimed[i].Job, claimed[i].Attempt, outcome, cancellationToken);
        }
    }

    private async Task ApplyOutcomeAsync(string node, PlannedJob job, int attempt, JobOutcome outcome, CancellationToken cancellationToken)
    {
        var label = $"{job.Spec.Point.Label} rep {job.Spec.Repetition} on {node}";
        switch (outcome.Kind)
        {
            case JobOutcomeKind.Stale:
                observer.Record($"{label}: attempt {attempt} was superseded; its samples were discarded");
                await RereadAsync(job, cancellationToken);
                return;
            case JobOutcomeKind.Succeeded when outcome.Stored && outcome.SamplesWritten == 0:
                var empty = $"reported success on {node} without a single sample; nothing was measured";
                if (await StoreAsync(token => store.FailEmptySuccessAsync(job.JobId, attempt, empty, token), cancellationToken))
                    observer.Record($"{label}: FAILED: {empty}");
                await RereadAsync(job, cancellationToken);
                return;
            case JobOutcomeKind.Succeeded or JobOutcomeKind.Failed when outcome.Stored:
                jobs.Set(job.JobId, outcome.Succeeded ? JobState.Succeeded : JobState.Failed);
                observer.Record(outcome.Succeeded ? $"{label}: done ({outcome.SamplesWritten} samples)" : $"{label}: FAILED: {outcome.Error}",
                    outcome.Succeeded ? LogLevel.Debug : LogLevel.Information);
                break;
            case JobOutcomeKind.EngineCrashed when attempt < settings.MaxAttempts:
                if (await StoreAsync(token => store.RequeueAsync(job.JobId, attempt, outcome.Error ?? "engine crashed", token), cancellationToken))
                {
                    jobs.Set(job.JobId, JobState.Pending);
                    jobs.Requeue(node, job.JobId);
                    observer.Record($"{label}: {outcome.Error}; retrying with a fresh engine (attempt {attempt} of {settings.MaxAttempts})");
                    return;
                }
                await RereadAsync(job, cancellationToken);
                return;
            default:
                var reason = FailureReason(outcome, attempt);
                if (await StoreAsync(token => store.MarkFailedAsync(job.JobId, attempt, reason, outcome.MeasurementEnvelopeJson, token), cancellationToken))
                {
                    jobs.Set(job.JobId, JobState.Failed);
                    observer.Record($"{label}: FAILED: {reason}");
                }
                else
                {
                    await RereadAsync(job, cancellationToken);
                    return;
                }
                break;
        }
        await PointMayBeFinishedAsync(job, cancellationToken);
    }

    private string FailureReason(JobOutcome outcome, int attempt) => outcome.Kind switch
    {
        JobOutcomeKind.EngineCrashed => $"{outcome.Error} (attempt {attempt} of {settings.MaxAttempts}: the retry limit is reached)",
        _ => outcome.Error ?? $"failed ({outcome.Kind}) without a reason",
    };

    /// <summary>
    /// Storage changed behind the dispatcher's back (a fenced update matched no row, a claim found the job final, an
    /// attempt went stale): the stored state wins. A job storage still lists as unfinished goes back to its queue.
    /// </summary>
    private async Task RereadAsync(PlannedJob job, CancellationToken cancellationToken)
    {
        var stored = await StoreAsync(token => store.GetAsync(job.JobId, token), cancellationToken);
        if (stored is null)
        {
            jobs.Set(job.JobId, JobState.Failed);
            observer.Record($"{job.Spec.Point.Label} rep {job.Spec.Repetition}: its job row is gone from storage", LogLevel.Warning);
        }
        else if (RunJobs.IsFinal(stored.State))
            jobs.Set(job.JobId, stored.State, stored.Attempt);
        else
        {
            jobs.Set(job.JobId, JobState.Pending, stored.Attempt);
            return;
        }
        await PointMayBeFinishedAsync(job, cancellationToken);
    }

    /// <summary>
    /// Before the run may finish: every job the dispatcher does not hold final is read again; those storage lists as
    /// pending or running go back to their node's queue (or another node's, if theirs was lost). True when any did.
    /// </summary>
    private async Task<bool> RequeueWhatStorageListsUnfinishedAsync(CancellationToken cancellationToken)
    {
        var requeued = false;
        foreach (var job in jobs.All.Where(j => !RunJobs.IsFinal(jobs.StateOf(j.JobId))).ToList())
        {
            await RereadAsync(job, cancellationToken);
            if (RunJobs.IsFinal(jobs.StateOf(job.JobId)))
                continue;
            observer.Record($"{job.Spec.Point.Label} rep {job.Spec.Repetition}: storage lists it unfinished; dispatching it again", LogLevel.Warning);
            var node = _lostNodes.Contains(job.NodeName)
                ? relocation.ChooseReplacement(job, await LiveTargetsAsync(), jobs)?.NodeName
                : job.NodeName;
            if (node is null)
                continue;
            jobs.Enqueue(node, job.JobId);
            requeued = true;
        }
        return requeued;
    }

    private async Task PointMayBeFinishedAsync(PlannedJob job, CancellationToken cancellationToken)
    {
        if (jobs.IsFinished(job.ResultKey))
            await observer.PointFinishedAsync(job.ResultKey, cancellationToken);
    }

    private void LoseOwnership()
    {
        if (_ownershipLost)
            return;
        _ownershipLost = true;
        observer.Record($"run {runId} was taken over by another coordinator; this one stops dispatching", LogLevel.Warning);
    }

    /// <summary>Storage calls ride out a transient outage (bounded retries); what outlasts them reaches the host.</summary>
    private Task<T> StoreAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        settings.StorageRetry.ExecuteAsync(call, cancellationToken);

    /// <summary>A call failed: the node is lost when the error says so or membership no longer lists it.</summary>
    private async Task<bool> IsNodeLostAsync(string node, Exception error) =>
        workers.MeansNodeLost(error) || (await workers.LiveWorkersAsync()).All(w => w.NodeName != node);

    /// <summary>
    /// A lost node's batch: jobs it finished (their results committed with their samples) stay done; the others go back
    /// to its queue, in order, for <see cref="RelocateAsync"/> to move.
    /// </summary>
    private async Task TakeBackAsync(string node, IReadOnlyList<(PlannedJob Job, int Attempt)> claimed, Exception reason, CancellationToken cancellationToken)
    {
        foreach (var (job, attempt) in claimed.Reverse())
        {
            if (await StoreAsync(token => store.RequeueAsync(job.JobId, attempt, $"node {node} was lost: {reason.Message}", token), cancellationToken))
            {
                jobs.Set(job.JobId, JobState.Pending);
                jobs.Requeue(node, job.JobId);
                continue;
            }
            await RereadAsync(job, cancellationToken);
        }
    }

    /// <summary>Moves a lost node's queued jobs to live eligible nodes that hold the same model file, same hardware first.</summary>
    private async Task RelocateAsync(string lostNode, Exception reason, CancellationToken cancellationToken)
    {
        _lostNodes.Add(lostNode);
        observer.Record($"node {lostNode} lost ({reason.GetType().Name}); moving its jobs");
        var live = await LiveTargetsAsync();
        foreach (var job in jobs.TakeQueue(lostNode))
        {
            if (relocation.ChooseReplacement(job, live, jobs) is { } target)
            {
                jobs.Enqueue(target.NodeName, job.JobId);
                EnsureLane(target.NodeName, cancellationToken);
                continue;
            }
            await FailUnplaceableAsync(lostNode, job, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<Contracts.Nodes.WorkerNode>> LiveTargetsAsync() =>
        (await workers.LiveWorkersAsync()).Where(w => !_lostNodes.Contains(w.NodeName) && relocation.IsEligible(w)).ToList();

    private async Task FailUnplaceableAsync(string lostNode, PlannedJob job, CancellationToken cancellationToken)
    {
        var reason = $"node {lostNode} was lost and no other live node holds {ModelMatcher.Describe(job.Spec.Model)}";
        var claim = await StoreAsync(token => store.ClaimAsync(job.JobId, lostNode, token), cancellationToken);
        if (!claim.StillOwner)
        {
            LoseOwnership();
            return;
        }
        if (claim.Attempt is { } attempt && await StoreAsync(token => store.MarkFailedAsync(job.JobId, attempt, reason, null, token), cancellationToken))
        {
            jobs.Set(job.JobId, JobState.Failed, attempt);
            observer.Record($"{job.Spec.Point.Label} rep {job.Spec.Repetition}: FAILED: {reason}");
            await PointMayBeFinishedAsync(job, cancellationToken);
            return;
        }
        await RereadAsync(job, cancellationToken);
    }
}
