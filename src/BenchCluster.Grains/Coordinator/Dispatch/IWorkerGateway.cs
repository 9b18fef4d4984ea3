using BenchCluster.Contracts.Jobs;
using BenchCluster.Contracts.Nodes;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>The dispatcher's way to the workers (Orleans grain calls in the cluster, a fake in tests).</summary>
public interface IWorkerGateway
{
    /// <summary>
    /// Runs a batch of jobs of one model (null: a remote endpoint) on a node, one outcome per assignment, in order.
    /// Throws when the call itself fails (the node died, the call timed out).
    /// </summary>
    Task<IReadOnlyList<JobOutcome>> RunJobsAsync(string nodeName, string? modelSha256, IReadOnlyList<JobAssignment> assignments, CancellationToken cancellationToken);

    /// <summary>The workers that are members of the cluster now.</summary>
    Task<IReadOnlyList<WorkerNode>> LiveWorkersAsync();

    /// <summary>True when a failed call's error itself says the node is gone (unreachable silo, rejected message, timeout).</summary>
    bool MeansNodeLost(Exception error);
}
