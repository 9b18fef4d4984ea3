using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace BenchCluster.Grains.Placement;

/// <summary>
/// Base of our placement filters: keeps the silos whose advertised metadata accepts the grain being placed.
/// The built-in RequiredMatchSiloMetadata filter compares with the caller's silo, which cannot express
/// "the silo that holds model X", hence our own.
/// </summary>
public abstract class MetadataPlacementFilterDirector(ISiloMetadataCache metadataCache) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var grainKey = target.GrainIdentity.Key.ToString() ?? "";
        return silos.Where(silo => Accepts(metadataCache.GetSiloMetadata(silo).Metadata, grainKey)).ToList();
    }

    /// <summary>True when a silo with this metadata may host the grain with this key.</summary>
    protected abstract bool Accepts(IReadOnlyDictionary<string, string> metadata, string grainKey);
}
