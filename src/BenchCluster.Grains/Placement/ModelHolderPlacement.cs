using BenchCluster.Contracts.Grains;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace BenchCluster.Grains.Placement;

/// <summary>Places a model-host grain ("node/sha256") only on the worker silo of that node that holds that model.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelHolderPlacementAttribute() : PlacementFilterAttribute(new ModelHolderPlacementStrategy());

public sealed class ModelHolderPlacementStrategy() : PlacementFilterStrategy(order: 0);

public sealed class ModelHolderPlacementDirector(ISiloMetadataCache metadataCache) : MetadataPlacementFilterDirector(metadataCache)
{
    protected override bool Accepts(IReadOnlyDictionary<string, string> metadata, string grainKey) =>
        ModelHostKey.TryParse(grainKey, out var node, out var sha256)
        && metadata.TryGetValue(SiloMetadataKeys.Node, out var siloNode)
        && siloNode == node
        && WorkerMetadataCodec.HoldsModel(metadata, sha256);
}
