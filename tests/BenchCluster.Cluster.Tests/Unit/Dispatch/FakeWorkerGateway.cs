using BenchCluster.Contracts.Jobs;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Coordinator.Dispatch;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Cluster.Tests.Unit.Dispatch;

/// <summary>
/// Workers in memory: each job runs through <see cref="Behaviour"/> (by default: succeeds, committing through the
/// store as a worker would, with a few samples). A node in <see cref="Dead"/> fails every call as lost and leaves the
/// live list.
/// </summary>
internal sealed class FakeWorkerGateway(FakeRunJobStore store, params string[] nodes) : IWorkerGateway
{
    private readonly Lock _gate = new();
    private readonly List<(string Node, JobAssignment Assignment)> _ran = [];

    public const int SamplesPerJob = 3;

    public HashSet<string> Dead { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors the next calls throw although their node stays alive (a call timing out, say).</summary>
    public Queue<Exception> CallFaults { get; } = new();

    /// <summary>What a node does with one job; null: the default success.</summary>
    public Func<string, JobAssignment, JobOutcome>? Behaviour { get; set; }

    public IReadOnlyList<(string Node, JobAssignment Assignment)> Ran
    {
        get { lock (_gate) return _ran.ToList(); }
    }

    public Task<IReadOnlyList<JobOutcome>> RunJobsAsync(string nodeName, string? modelSha256, IReadOnlyList<JobAssignment> assignments, CancellationToken cancellationToken)
    {
        if (Dead.Contains(nodeName))
            return Task.FromException<IReadOnlyList<JobOutcome>>(new NodeGoneException(nodeName));
        lock (_gate)
        {
            if (CallFaults.TryDequeue(out var fault))
                return Task.FromException<IReadOnlyList<JobOutcome>>(fault);
        }
        var outcomes = new List<JobOutcome>();
        foreach (var assignment in assignments)
        {
            lock (_gate)
                _ran.Add((nodeName, assignment));
            outcomes.Add(Behaviour?.Invoke(nodeName, assignment) ?? Succeed(assignment));
        }
        return Task.FromResult<IReadOnlyList<JobOutcome>>(outcomes);
    }

    public JobOutcome Succeed(JobAssignment assignment, int samples = SamplesPerJob) =>
        store.CommitFromWorker(assignment.JobId, assignment.Attempt, JobState.Succeeded)
            ? new JobOutcome(assignment.JobId, assignment.Attempt, JobOutcomeKind.Succeeded, samples, null, null, Stored: true)
            : JobOutcome.Stale(assignment, "superseded");

    public Task<IReadOnlyList<WorkerNode>> LiveWorkersAsync() =>
        Task.FromResult<IReadOnlyList<WorkerNode>>(nodes.Where(n => !Dead.Contains(n)).Select(Node).ToList());

    public bool MeansNodeLost(Exception error) => error is NodeGoneException;

    public static WorkerNode Node(string name) => new(name, "127.0.0.1:0", "cpu", "test cpu", "test cpu", 4, 1L << 30, 0, 0, 0,
        [new HeldModel(DispatchScenario.ModelSha256, "tiny.gguf", 1000, "qwen2", "F16", true, "tiny")]);

    /// <summary>What Orleans' SiloUnavailableException is to the real gateway.</summary>
    public sealed class NodeGoneException(string node) : Exception($"silo of {node} is unavailable");
}
