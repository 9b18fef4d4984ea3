using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// The coordinator's working copy of a run's jobs: their states, the queue of each node, and which jobs make up each
/// result (point × node). Postgres stays the truth; this is rebuilt from it on resume. Not thread-safe: used only
/// inside one grain activation, which runs one turn at a time.
/// </summary>
public sealed class RunJobs
{
    private readonly Dictionary<Guid, PlannedJob> _jobs = [];
    private readonly Dictionary<Guid, JobState> _states = [];
    private readonly Dictionary<Guid, int> _attempts = [];
    private readonly Dictionary<string, LinkedList<Guid>> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<(string PointId, string NodeName), List<PlannedJob>> _byResult = [];
    private readonly Dictionary<(string PointId, string NodeName), int> _unfinished = [];

    /// <summary>Queues every unfinished job on its pinned node, repetition by repetition so points interleave and slow drift spreads over all of them.</summary>
    public RunJobs(IReadOnlyList<PlannedJob> jobs, IReadOnlyDictionary<Guid, (JobState State, int Attempt)>? stored = null) => Add(jobs, stored);

    /// <summary>Adds jobs planned while the run is under way (for a node that joined), queued like the first ones; ids already known are skipped.</summary>
    public IReadOnlyList<PlannedJob> AddNew(IReadOnlyList<PlannedJob> jobs)
    {
        var added = jobs.Where(job => !_jobs.ContainsKey(job.JobId)).ToList();
        Add(added, null);
        return added;
    }

    private void Add(IReadOnlyList<PlannedJob> jobs, IReadOnlyDictionary<Guid, (JobState State, int Attempt)>? stored)
    {
        foreach (var job in jobs)
        {
            _jobs[job.JobId] = job;
            _states[job.JobId] = stored?.GetValueOrDefault(job.JobId).State ?? JobState.Pending;
            if (stored?.TryGetValue(job.JobId, out var s) == true)
                _attempts[job.JobId] = s.Attempt;
            var key = job.ResultKey;
            if (!_byResult.TryGetValue(key, out var list))
                _byResult[key] = list = [];
            list.Add(job);
            if (!IsFinal(_states[job.JobId]))
                _unfinished[key] = _unfinished.GetValueOrDefault(key) + 1;
        }
        var order = jobs.Select((job, index) => (job, index)).OrderBy(x => x.job.Spec.Repetition).ThenBy(x => x.index);
        foreach (var (job, _) in order)
        {
            if (_states[job.JobId] is JobState.Running)
                _states[job.JobId] = JobState.Pending;
            if (_states[job.JobId] == JobState.Pending)
                Enqueue(job.NodeName, job.JobId);
        }
    }

    public int Total => _jobs.Count;

    public int Count(JobState state) => _states.Values.Count(s => s == state);

    public PlannedJob Get(Guid jobId) => _jobs[jobId];

    public bool Contains(Guid jobId) => _jobs.ContainsKey(jobId);

    public JobState StateOf(Guid jobId) => _states[jobId];

    public int AttemptOf(Guid jobId) => _attempts.GetValueOrDefault(jobId);

    public IEnumerable<PlannedJob> All => _jobs.Values;

    public void Set(Guid jobId, JobState state, int? attempt = null)
    {
        var key = _jobs[jobId].ResultKey;
        _unfinished[key] = _unfinished.GetValueOrDefault(key) + (IsFinal(_states[jobId]) ? 1 : 0) - (IsFinal(state) ? 1 : 0);
        _states[jobId] = state;
        if (attempt is { } a)
            _attempts[jobId] = a;
    }

    public void Enqueue(string nodeName, Guid jobId)
    {
        if (!_queues.TryGetValue(nodeName, out var queue))
            _queues[nodeName] = queue = new LinkedList<Guid>();
        queue.AddLast(jobId);
    }

    /// <summary>Puts a job back at the front of a node's queue (it keeps its place in the order).</summary>
    public void Requeue(string nodeName, Guid jobId)
    {
        Enqueue(nodeName, jobId);
        var queue = _queues[nodeName];
        queue.RemoveLast();
        queue.AddFirst(jobId);
    }

    public PlannedJob? Dequeue(string nodeName)
    {
        if (!_queues.TryGetValue(nodeName, out var queue) || queue.First is null)
            return null;
        var id = queue.First.Value;
        queue.RemoveFirst();
        return _jobs[id];
    }

    /// <summary>The next jobs of a node's queue that use the same model (one model host serves them), at most <paramref name="max"/>.</summary>
    public IReadOnlyList<PlannedJob> DequeueBatch(string nodeName, int max)
    {
        var batch = new List<PlannedJob>();
        if (!_queues.TryGetValue(nodeName, out var queue))
            return batch;
        while (batch.Count < max && queue.First is { } next && (batch.Count == 0 || _jobs[next.Value].ModelSha256 == batch[0].ModelSha256))
        {
            queue.RemoveFirst();
            batch.Add(_jobs[next.Value]);
        }
        return batch;
    }

    /// <summary>Empties a node's queue (its node died) and returns what was in it.</summary>
    public IReadOnlyList<PlannedJob> TakeQueue(string nodeName)
    {
        if (!_queues.Remove(nodeName, out var queue))
            return [];
        return queue.Select(id => _jobs[id]).ToList();
    }

    public int QueueLength(string nodeName) => _queues.TryGetValue(nodeName, out var queue) ? queue.Count : 0;

    public IEnumerable<string> NodesWithQueuedJobs => _queues.Where(q => q.Value.Count > 0).Select(q => q.Key);

    public IEnumerable<(string PointId, string NodeName)> ResultKeys => _byResult.Keys;

    public IReadOnlyList<PlannedJob> JobsOf((string PointId, string NodeName) key) => _byResult[key];

    public bool IsFinished((string PointId, string NodeName) key) => _unfinished.GetValueOrDefault(key) == 0;

    public static bool IsFinal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
