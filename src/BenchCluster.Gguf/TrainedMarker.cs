namespace BenchCluster.Gguf;

/// <summary>
/// Our metadata keys on a model BenchCluster trained itself (learned weights, unlike a forged model's random ones):
/// the recipe's cache key and the SHA-256 of the corpus it learned from.
/// </summary>
public static class TrainedMarker
{
    public const string RecipeKey = "benchcluster.trained_recipe";
    public const string CorpusSha256Key = "benchcluster.trained_corpus_sha256";

    /// <summary>general.name of the trained tiny model.</summary>
    public const string Name = "benchcluster trained-tiny";
}
