namespace BenchCluster.Gguf;

/// <summary>
/// Our own metadata keys on forged models, so a benchmark of random weights can never pass for one of real weights.
/// </summary>
public static class SyntheticMarker
{
    public const string SyntheticKey = "benchcluster.synthetic";
    public const string PresetKey = "benchcluster.preset";
    public const string SeedKey = "benchcluster.seed";
    public const string ForgeVersionKey = "benchcluster.forge_version";
    public const string WeightTypeKey = "benchcluster.weight_type";

    /// <summary>Prefix of general.name on forged models.</summary>
    public const string NamePrefix = "synthetic ";
}
