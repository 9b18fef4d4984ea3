using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace BenchCluster.Grains.Placement;

/// <summary>Places a grain keyed by a node name on that node's worker silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NodePlacementAttribute() : PlacementFilterAttribute(new NodePlacementStrategy());

public sealed class NodePlacementStrategy() : PlacementFilterStrategy(order: 0);

public sealed class NodePlacementDirector(ISiloMetadataCache metadataCache) : MetadataPlacementFilterDirector(metadataCache)
{
    protected override bool Accepts(IReadOnlyDictionary<string, string> metadata, string grainKey) =>
        metadata.TryGetValue(SiloMetadataKeys.Role, out var role) && role == SiloMetadataKeys.WorkerRole
        && metadata.TryGetValue(SiloMetadataKeys.Node, out var node) && node == grainKey;
}
