using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Jobs;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Contracts.Runs;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Suite;
using BenchCluster.Storage.Jobs;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Coordinator;

public sealed partial class SuiteGrain
{
    private readonly Dictionary<(string Node, int Slot), Task> _lanes = [];
    private readonly HashSet<string> _lostNodes = new(StringComparer.Ordinal);

    /// <summary>Runs every node's lane until no job is queued anywhere, then finishes the run.</summary>
    private async Task DispatchAsync()
    {
        try
        {
            await AggregateFinishedAsync();
            foreach (var node in _jobs!.NodesWithQueuedJobs.ToList())
                EnsureLane(node);
            while (_lanes.Values.Any(lane => !lane.IsCompleted))
            {
                var lanes = Task.WhenAll(_lanes.Values.ToList());
                if (await Task.WhenAny(lanes, Task.Delay(JoinCheckInterval)) == lanes)
                    await lanes;
                else if (!_cancellation.IsCancellationRequested)
                    await AdmitJoinedNodesAsync();
            }
            if (_cancellation.IsCancellationRequested)
                return;
            await AggregateFinishedAsync();
            var failed = _jobs.Count(JobState.Failed);
            await SetStatusAsync(RunStatus.Completed, failed == 0 ? null : $"{failed} of {_jobs.Total} jobs failed; see 'benchcluster status {_runId}'");
            Record($"run {_runId} completed: {_jobs.Count(JobState.Succeeded)} jobs succeeded, {failed} failed");
        }
        catch (Exception e) when (!_cancellation.IsCancellationRequested)
        {
            logger.LogError(e, "run {RunId} failed in the coordinator", _runId);
            await SetStatusAsync(RunStatus.Failed, $"coordinator error: {e.Message}");
        }
    }

    private void EnsureLane(string node)
    {
        for (var slot = 0; slot < context.JobsPerNode; slot++)
        {
            if (_lanes.TryGetValue((node, slot), out var lane) && !lane.IsCompleted)
                continue;
            _lanes[(node, slot)] = LaneAsync(node);
        }
    }

    /// <summary>
    /// One node's jobs, one at a time per lane (one lane per node unless configured): measurements on a node must not
    /// disturb each other. Short jobs travel in batches (one grain call, one claim statement for several), which the lane
    /// grows while jobs stay under <see cref="ShortJobMilliseconds"/> each; a slow job sets it back to one, so long
    /// benchmark jobs report one by one and progress stays live.
    /// </summary>
    private async Task LaneAsync(string node)
    {
        var batchSize = 1;
        while (!_cancellation.IsCancellationRequested && !_lostNodes.Contains(node))
        {
            var batch = _jobs!.DequeueBatch(node, batchSize);
            if (batch.Count == 0)
                return;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await RunBatchAsync(node, batch);
            batchSize = clock.Elapsed.TotalMilliseconds / batch.Count < ShortJobMilliseconds ? Math.Min(batchSize * 2, MaxBatch) : 1;
        }
    }

    /// <summary>Jobs faster than this (each) may be sent several per call.</summary>
    private const double ShortJobMilliseconds = 50;
    private const int MaxBatch = 64;

    private async Task RunBatchAsync(string node, IReadOnlyList<PlannedJob> batch)
    {
        var jobs = _jobs!;
        var attempts = await Task.WhenAll(batch.Select(job => context.Claims.ClaimAsync(job.JobId, node)));
        var claimed = new List<(PlannedJob Job, int Attempt)>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (attempts[i] is { } attempt)
            {
                jobs.Set(batch[i].JobId, JobState.Running, attempt);
                claimed.Add((batch[i], attempt));
            }
            else
            {
                jobs.Set(batch[i].JobId, (await context.Database.Jobs.GetAsync(batch[i].JobId))?.Status ?? JobState.Failed);
            }
        }
        if (claimed.Count == 0)
            return;

        IReadOnlyList<JobOutcome> outcomes;
        try
        {
            outcomes = await CallWorkerAsync(node, claimed);
        }
        catch (Exception e) when (!_cancellation.IsCancellationRequested)
        {
            if (await IsNodeLostAsync(node, e))
            {
                await TakeBackAsync(node, claimed, e);
                await RelocateAsync(node, e);
                return;
            }
            outcomes = claimed.Select(c => JobOutcome.Failed(new JobAssignment(_runId, c.Job.JobId, c.Attempt, "", node), $"{e.GetType().Name}: {e.Message}")).ToList();
        }
        for (var i = 0; i < claimed.Count; i++)
            await ApplyOutcomeAsync(node, claimed[i].Job, claimed[i].Attempt, outcomes[i]);
    }

    private Task<IReadOnlyList<JobOutcome>> CallWorkerAsync(string node, IReadOnlyList<(PlannedJob Job, int Attempt)> claimed)
    {
        var assignments = claimed.Select(c => new JobAssignment(_runId, c.Job.JobId, c.Attempt, c.Job.SpecJson, node)).ToList();
        return claimed[0].Job.ModelSha256 is { } sha256
            ? GrainFactory.GetGrain<IModelHostGrain>(ModelHostKey.Format(node, sha256)).RunJobsAsync(assignments, _cancellation.Token)
            : GrainFactory.GetGrain<IEndpointGrain>(node).RunJobsAsync(assignments, _cancellation.Token);
    }

    /// <summary>
    /// A lost node's batch: jobs it finished (their results committed with their samples) stay done; the others go back
    /// to its queue, in order, for <see cref="RelocateAsync"/> to move.
    /// </summary>
    private async Task TakeBackAsync(string node, IReadOnlyList<(PlannedJob Job, int Attempt)> claimed, Exception reason)
    {
        var jobs = _jobs!;
        foreach (var (job, attempt) in claimed.Reverse())
        {
            if (await context.Database.Jobs.RequeueAsync(job.JobId, attempt, $"node {node} was lost: {reason.Message}"))
            {
                jobs.Set(job.JobId, JobState.Pending);
                jobs.Requeue(node, job.JobId);
                continue;
            }
            jobs.Set(job.JobId, (await context.Database.Jobs.GetAsync(job.JobId))?.Status ?? JobState.Failed);
            await AggregateIfFinishedAsync(job.ResultKey);
        }
    }

    private async Task ApplyOutcomeAsync(string node, PlannedJob job, int attempt, JobOutcome outcome)
    {
        var jobs = _jobs!;
        var label = $"{job.Spec.Point.Label} rep {job.Spec.Repetition} on {node}";
        if (outcome.StaleAttempt)
        {
            Record($"{label}: attempt {attempt} was superseded; its samples were discarded");
            return;
        }
        if (outcome.Finalized)
        {
            jobs.Set(job.JobId, outcome.Succeeded ? JobState.Succeeded : JobState.Failed);
            if (outcome.Succeeded)
                Record($"{label}: done ({outcome.SamplesWritten} samples)", LogLevel.Debug);
            else
                Record($"{label}: FAILED: {outcome.Error}");
        }
        else if (attempt < context.MaxAttempts && outcome.Error?.StartsWith("engine crashed", StringComparison.Ordinal) == true)
        {
            await context.Database.Jobs.RequeueAsync(job.JobId, attempt, outcome.Error);
            jobs.Set(job.JobId, JobState.Pending);
            jobs.Requeue(node, job.JobId);
            Record($"{label}: {outcome.Error}; retrying with a fresh engine");
            return;
        }
        else if (await context.Database.Jobs.MarkFailedAsync(job.JobId, attempt, outcome.Error ?? "failed without a reason", outcome.MeasurementEnvelopeJson))
        {
            jobs.Set(job.JobId, JobState.Failed);
            Record($"{label}: FAILED: {outcome.Error}");
        }
        await AggregateIfFinishedAsync(job.ResultKey);
    }

    /// <summary>A call failed: the node is lost when membership no longer lists it or the error says it is gone.</summary>
    private async Task<bool> IsNodeLostAsync(string node, Exception error)
    {
        if (error is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            return true;
        var live = await GrainFactory.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();
        return live.All(w => w.NodeName != node);
    }

    /// <summary>Moves a lost node's queued jobs to live eligible nodes that hold the same model file, same hardware first.</summary>
    private async Task RelocateAsync(string lostNode, Exception reason)
    {
        _lostNodes.Add(lostNode);
        Record($"node {lostNode} lost ({reason.GetType().Name}); moving its jobs");
        var jobs = _jobs!;
        var live = (await GrainFactory.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync())
            .Where(w => !_lostNodes.Contains(w.NodeName) && NodeSelector.MatchesAny(_suite!.Nodes, NodeDescriptions.From(w)))
            .ToList();
        foreach (var job in jobs.TakeQueue(lostNode))
        {
            var target = ChooseReplacement(job, live);
            if (target is null)
            {
                await FailUnplaceableAsync(lostNode, job);
                continue;
            }
            jobs.Enqueue(target.NodeName, job.JobId);
            EnsureLane(target.NodeName);
        }
    }

    private WorkerNode? ChooseReplacement(PlannedJob job, IReadOnlyList<WorkerNode> live)
    {
        var original = _nodes.GetValueOrDefault(job.NodeName);
        return live
            .Where(w => job.ModelSha256 is null || w.Models.Any(m => string.Equals(m.Sha256, job.ModelSha256, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(w => original is not null && NodeDescriptions.SameHardware(w, original))
            .ThenBy(w => _jobs!.QueueLength(w.NodeName))
            .ThenBy(w => w.NodeName, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private async Task FailUnplaceableAsync(string lostNode, PlannedJob job)
    {
        var reason = $"node {lostNode} was lost and no other live node holds {ModelMatcher.Describe(job.Spec.Model)}";
        if (await context.Database.Jobs.ClaimAsync(job.JobId, lostNode) is { } attempt
            && await context.Database.Jobs.MarkFailedAsync(job.JobId, attempt, reason, null))
        {
            _jobs!.Set(job.JobId, JobState.Failed, attempt);
            Record($"{job.Spec.Point.Label} rep {job.Spec.Repetition}: FAILED: {reason}");
            await AggregateIfFinishedAsync(job.ResultKey);
        }
    }
}
