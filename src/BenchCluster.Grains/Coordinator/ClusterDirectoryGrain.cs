using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace BenchCluster.Grains.Coordinator;

/// <summary>Answers "which workers are alive and what do they hold" from membership and silo metadata.</summary>
[CoordinatorPlacement]
public sealed class ClusterDirectoryGrain(IClusterMembershipService membership, ISiloMetadataCache metadataCache)
    : Grain, IClusterDirectoryGrain
{
    public Task<IReadOnlyList<WorkerNode>> GetWorkersAsync()
    {
        var workers = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => WorkerMetadataCodec.Decode(
                metadataCache.GetSiloMetadata(member.SiloAddress).Metadata, member.SiloAddress.Endpoint.ToString()))
            .OfType<WorkerNode>()
            .OrderBy(node => node.NodeName, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<WorkerNode>>(workers);
    }
}
