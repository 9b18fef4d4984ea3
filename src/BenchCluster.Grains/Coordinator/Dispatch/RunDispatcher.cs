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
public sealed class RunDispatcher
{
    /// <summary>Jobs faster than this (each) may be sent several per call.</summary>
    private const double ShortJobMilliseconds = 50;
    private const int MaxBatch = 64;
    /// <summary>Rounds of comparing with storage and dispatching what it still lists as unfinished.</summary>
    private const int MaxSweeps = 3;

    private readonly Dictionary<(string Node, int Slot), Task> _lanes = [];
    private readonly Guid _runId;
    private readonly RunJobs _jobs;
    private readonly IWorkerGateway _workers;
    private readonly DispatchSettings _settings;
    private readonly JobStateSync _sync;
    private readonly OutcomeApplier _outcomes;
    private readonly NodeLoss _nodeLoss;
    private readonly JoinedNodes? _joins;

    /// <param name="joins">Admits workers that join mid-run; null: the run keeps the nodes it was planned on.</param>
    public RunDispatcher(Guid runId, RunJobs jobs, IRunJobStore store, IWorkerGateway workers, IDispatchObserver observer, DispatchSettings settings,
        NodeRelocation relocation, JoinedNodes? joins = null)
    {
        (_runId, _jobs, _workers, _settings, _joins) = (runId, jobs, workers, settings, joins);
        _sync = new JobStateSync(runId, jobs, store, observer, settings);
        _outcomes = new OutcomeApplier(_sync, settings);
        _nodeLoss = new NodeLoss(_sync, workers, relocation);
    }

    public RunJobs Jobs => _jobs;

    public async Task<DispatchEnd> RunAsync(CancellationToken cancellationToken)
    {
        for (var sweep = 1; ; sweep++)
        {
            foreach (var node in _jobs.NodesWithQueuedJobs.ToList())
                StartLane(node, cancellationToken);
            // A lane that failed before the first await is already complete: awaiting all once more surfaces its error.
            do
                await WaitForLanesOrJoinsAsync(cancellationToken);
            while (_lanes.Values.Any(lane => !lane.IsCompleted));
            if (cancellationToken.IsCancellationRequested)
                return DispatchEnd.Cancelled;
            if (_sync.OwnershipLost)
                return DispatchEnd.OwnershipLost;
            if (!await RequeueWhatStorageListsUnfinishedAsync(cancellationToken) || sweep == MaxSweeps)
                return DispatchEnd.Finished;
        }
    }

    /// <summary>Waits for the lanes; while they run, admits nodes that joined every <see cref="JoinedNodes.CheckInterval"/>.</summary>
    private async Task WaitForLanesOrJoinsAsync(CancellationToken cancellationToken)
    {
        var lanes = Task.WhenAll(_lanes.Values.ToList());
        if (_joins is null || await Task.WhenAny(lanes, Task.Delay(JoinedNodes.CheckInterval, CancellationToken.None)) == lanes)
        {
            await lanes;
            return;
        }
        if (cancellationToken.IsCancellationRequested || _sync.OwnershipLost)
            return;
        foreach (var node in await _joins.AdmitAsync(_sync, cancellationToken))
            StartLane(node, cancellationToken);
    }

    /// <summary>Points whose repetitions did not all finish, each with why: a complete run has none.</summary>
    public IReadOnlyList<string> MissingPoints() => _jobs.ResultKeys.Where(key => !_jobs.IsFinished(key)).Select(key =>
    {
        var open = _jobs.JobsOf(key).Where(j => !RunJobs.IsFinal(_jobs.StateOf(j.JobId))).ToList();
        return $"{open[0].Spec.Point.Label} on {key.NodeName}: {open.Count} repetition(s) never finished " +
               $"({string.Join(", ", open.Select(j => $"rep {j.Spec.Repetition} {_jobs.StateOf(j.JobId).ToString().ToLowerInvariant()}"))})";
    }).ToList();

    /// <summary>Starts the node's lanes that are not running (one per slot).</summary>
    private void StartLane(string node, CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < _settings.JobsPerNode; slot++)
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
        while (!cancellationToken.IsCancellationRequested && !_nodeLoss.IsLost(node) && !_sync.OwnershipLost)
        {
            var batch = _jobs.DequeueBatch(node, batchSize);
            if (batch.Count == 0)
                return;
            var clock = Stopwatch.StartNew();
            await RunBatchAsync(node, batch, cancellationToken);
            batchSize = clock.Elapsed.TotalMilliseconds / batch.Count < ShortJobMilliseconds ? Math.Min(batchSize * 2, MaxBatch) : 1;
        }
    }

    private async Task RunBatchAsync(string node, IReadOnlyList<PlannedJob> batch, CancellationToken cancellationToken)
    {
        var claims = await Task.WhenAll(batch.Select(job => _sync.StoreAsync((store, token) => store.ClaimAsync(job.JobId, node, token), cancellationToken)));
        var claimed = new List<(PlannedJob Job, int Attempt)>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (claims[i].Attempt is { } attempt)
            {
                _jobs.Set(batch[i].JobId, JobState.Running, attempt);
                claimed.Add((batch[i], attempt));
            }
            else if (!claims[i].StillOwner)
                _sync.LoseOwnership();
            else
                await _sync.RereadAsync(batch[i], cancellationToken);
        }
        if (claimed.Count == 0 || _sync.OwnershipLost)
            return;

        var assignments = claimed.Select(c => new JobAssignment(_runId, c.Job.JobId, c.Attempt, c.Job.SpecJson, node)).ToList();
        IReadOnlyList<JobOutcome> outcomes;
        try
        {
            outcomes = await _workers.RunJobsAsync(node, claimed[0].Job.ModelSha256, assignments, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (await _nodeLoss.IsNodeLostAsync(node, e))
            {
                await _nodeLoss.TakeBackAsync(node, claimed, e, cancellationToken);
                await _nodeLoss.RelocateAsync(node, e, target => StartLane(target, cancellationToken), cancellationToken);
                return;
            }
            // The node is alive but the call failed (a timeout while the cluster reconfigured): nothing was reported.
            outcomes = assignments.Select(a => JobOutcome.Undelivered(a, $"the call to node {node} failed: {e.GetType().Name}: {e.Message}")).ToList();
        }
        for (var i = 0; i < claimed.Count; i++)
        {
            var outcome = i < outcomes.Count && outcomes[i].JobId == assignments[i].JobId && outcomes[i].Attempt == assignments[i].Attempt
                ? outcomes[i]
                : JobOutcome.Failed(assignments[i], $"node {node} answered {outcomes.Count} outcome(s) for {assignments.Count} job(s), not one per job in order");
            await _outcomes.ApplyAsync(node, claimed[i].Job, claimed[i].Attempt, outcome, cancellationToken);
        }
    }

    /// <summary>
    /// Before the run may finish: every job the dispatcher does not hold final is read again; those storage lists as
    /// pending or running go back to their node's queue (or another node's, if theirs was lost). True when any did.
    /// </summary>
    private async Task<bool> RequeueWhatStorageListsUnfinishedAsync(CancellationToken cancellationToken)
    {
        var requeued = false;
        foreach (var job in _jobs.All.Where(j => !RunJobs.IsFinal(_jobs.StateOf(j.JobId))).ToList())
        {
            await _sync.RereadAsync(job, cancellationToken);
            if (RunJobs.IsFinal(_jobs.StateOf(job.JobId)))
                continue;
            _sync.Observer.Record($"{job.Spec.Point.Label} rep {job.Spec.Repetition}: storage lists it unfinished; dispatching it again", LogLevel.Warning);
            if (await _nodeLoss.NodeForAsync(job) is not { } node)
                continue;
            _jobs.Enqueue(node, job.JobId);
            requeued = true;
        }
        return requeued;
    }
}
