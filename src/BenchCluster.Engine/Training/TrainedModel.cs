namespace BenchCluster.Engine.Training;

/// <summary>
/// A trained tiny model in the cache: its F32 file, the recipe key, the epochs' losses as measured when it was trained,
/// and whether this call trained it (false: it came from the cache).
/// </summary>
public sealed record TrainedModel(string Path, string RecipeKey, IReadOnlyList<TrainingEpoch> Epochs, int TrainTokens, bool TrainedNow);
