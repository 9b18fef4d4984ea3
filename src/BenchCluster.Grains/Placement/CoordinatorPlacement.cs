using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace BenchCluster.Grains.Placement;

/// <summary>Keeps coordination grains (suites, the directory) off worker silos, whose cores are busy measuring.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CoordinatorPlacementAttribute() : PlacementFilterAttribute(new CoordinatorPlacementStrategy());

public sealed class CoordinatorPlacementStrategy() : PlacementFilterStrategy(order: 0);

public sealed class CoordinatorPlacementDirector(ISiloMetadataCache metadataCache) : MetadataPlacementFilterDirector(metadataCache)
{
    protected override bool Accepts(IReadOnlyDictionary<string, string> metadata, string grainKey) =>
        metadata.TryGetValue(SiloMetadataKeys.Role, out var role) && role == SiloMetadataKeys.CoordinatorRole;
}
