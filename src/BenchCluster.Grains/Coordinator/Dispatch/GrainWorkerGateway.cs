using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Jobs;
using BenchCluster.Contracts.Nodes;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>Workers through Orleans: a model's jobs go to that node's model host grain, endpoint jobs to its endpoint grain.</summary>
public sealed class GrainWorkerGateway(IGrainFactory grains) : IWorkerGateway
{
    public Task<IReadOnlyList<JobOutcome>> RunJobsAsync(string nodeName, string? modelSha256, IReadOnlyList<JobAssignment> assignments, CancellationToken cancellationToken) =>
        modelSha256 is not null
            ? grains.GetGrain<IModelHostGrain>(ModelHostKey.Format(nodeName, modelSha256)).RunJobsAsync(assignments, cancellationToken)
            : grains.GetGrain<IEndpointGrain>(nodeName).RunJobsAsync(assignments, cancellationToken);

    public Task<IReadOnlyList<WorkerNode>> LiveWorkersAsync() => grains.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();

    public bool MeansNodeLost(Exception error) => error is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;
}
