using BenchCluster.Grains.Coordinator;
using BenchCluster.Grains.Coordinator.Dispatch;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Cluster.Tests.Unit.Dispatch;

/// <summary>
/// A run's jobs in memory with the fencing the Postgres store has (attempt, status), plus faults a test schedules:
/// errors thrown by the next calls of an operation, and changes "another writer" makes before an operation runs.
/// Thread-safe: retried calls may arrive from the thread pool.
/// </summary>
internal sealed class FakeRunJobStore : IRunJobStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, StoredJob> _jobs;
    private readonly Dictionary<string, Queue<Exception>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    public FakeRunJobStore(IEnumerable<PlannedJob> jobs) => _jobs = jobs.ToDictionary(j => j.JobId, _ => new StoredJob(JobState.Pending, 0, null));

    /// <summary>True once "another coordinator" took the run over: every claim is refused as such.</summary>
    public bool OwnershipLost { get; set; }

    /// <summary>Runs before a MarkFailed call is applied, as a concurrent writer would (e.g. the worker's own commit landing first).</summary>
    public Action<Guid>? BeforeMarkFailed { get; set; }

    /// <summary>Job ids every claim of which is refused as not claimable, while the job stays pending.</summary>
    public HashSet<Guid> Unclaimable { get; } = [];

    /// <summary>Job ids whose stored success has measured samples (FailEmptySuccess leaves those alone).</summary>
    public HashSet<Guid> WithSamples { get; } = [];

    public void FailNext(string operation, params Exception[] errors)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(operation, out var queue))
                _faults[operation] = queue = new Queue<Exception>();
            foreach (var error in errors)
                queue.Enqueue(error);
        }
    }

    public int Calls(string operation)
    {
        lock (_gate)
            return _calls.GetValueOrDefault(operation);
    }

    public StoredJob this[Guid jobId]
    {
        get { lock (_gate) return _jobs[jobId]; }
        set { lock (_gate) _jobs[jobId] = value; }
    }

    public Task<JobClaimResult> ClaimAsync(Guid jobId, string nodeName, CancellationToken cancellationToken) => Do(nameof(ClaimAsync), () =>
    {
        if (OwnershipLost)
            return JobClaimResult.OwnershipLost;
        if (!_jobs.TryGetValue(jobId, out var job) || RunJobs.IsFinal(job.State) || Unclaimable.Contains(jobId))
            return JobClaimResult.NotClaimable;
        _jobs[jobId] = job with { State = JobState.Running, Attempt = job.Attempt + 1 };
        return JobClaimResult.Claimed(job.Attempt + 1);
    });

    public Task<bool> RequeueAsync(Guid jobId, int attempt, string error, CancellationToken cancellationToken) =>
        Do(nameof(RequeueAsync), () => Finish(jobId, attempt, JobState.Pending, error));

    public Task<bool> MarkFailedAsync(Guid jobId, int attempt, string error, string? measurementJson, CancellationToken cancellationToken)
    {
        BeforeMarkFailed?.Invoke(jobId);
        return Do(nameof(MarkFailedAsync), () => Finish(jobId, attempt, JobState.Failed, error));
    }

    public Task<bool> FailEmptySuccessAsync(Guid jobId, int attempt, string error, CancellationToken cancellationToken) => Do(nameof(FailEmptySuccessAsync), () =>
    {
        var job = _jobs[jobId];
        if (job.Attempt != attempt || job.State != JobState.Succeeded || WithSamples.Contains(jobId))
            return false;
        _jobs[jobId] = job with { State = JobState.Failed, LastError = error };
        return true;
    });

    public Task AddAsync(IReadOnlyList<PlannedJob> jobs, CancellationToken cancellationToken) => Do(nameof(AddAsync), () =>
    {
        foreach (var job in jobs)
            _jobs.Add(job.JobId, new StoredJob(JobState.Pending, 0, null));
        return true;
    });

    public Task<StoredJob?> GetAsync(Guid jobId, CancellationToken cancellationToken) =>
        Do(nameof(GetAsync), () => _jobs.GetValueOrDefault(jobId));

    /// <summary>What a worker's fenced commit does: finishes the attempt if it is still the current running one.</summary>
    public bool CommitFromWorker(Guid jobId, int attempt, JobState state, string? error = null)
    {
        lock (_gate)
            return Finish(jobId, attempt, state, error);
    }

    private bool Finish(Guid jobId, int attempt, JobState state, string? error)
    {
        var job = _jobs[jobId];
        if (job.Attempt != attempt || job.State != JobState.Running)
            return false;
        _jobs[jobId] = job with { State = state, LastError = error };
        return true;
    }

    private Task<T> Do<T>(string operation, Func<T> action)
    {
        lock (_gate)
        {
            _calls[operation] = _calls.GetValueOrDefault(operation) + 1;
            if (_faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out var error))
                return Task.FromException<T>(error);
            return Task.FromResult(action());
        }
    }
}
