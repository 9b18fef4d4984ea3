using System.Text.Json;
using BenchCluster.Engine.Native;
using BenchCluster.Engine.Quantization;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Forge;
using BenchCluster.Gguf.Format;
using System.Text.Json.Serialization;

namespace BenchCluster.Engine.Training;

/// <summary>
/// Trains the tiny model once per recipe × corpus × llama.cpp release and keeps it under
/// <c>{dataFolder}/trained-models/</c>: forge the F16 start (seeded), widen it to F32 with llama_model_quantize,
/// train (<see cref="OptimizationRun"/>), save, and copy it into place marked with <see cref="TrainedMarker"/>'s keys.
/// A lock file serializes trainers across processes; a later call finds the file and trains nothing.
/// </summary>
public static class TinyModelTrainer
{
    private const int AllF32 = 0;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(30);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string CacheFolder(string dataFolder) => Path.Combine(dataFolder, "trained-models");

    public static Task<TrainedModel> GetOrTrainAsync(
        TrainingRecipe recipe, TrainingCorpus corpus, string dataFolder, IProgress<TrainingEpoch>? progress = null,
        int threads = 0, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(
            () => GetOrTrain(recipe.Validate(), corpus, Path.GetFullPath(dataFolder), progress, threads > 0 ? threads : Environment.ProcessorCount, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static TrainedModel GetOrTrain(
        TrainingRecipe recipe, TrainingCorpus corpus, string dataFolder, IProgress<TrainingEpoch>? progress, int threads, CancellationToken cancellationToken)
    {
        var build = LlamaRuntime.EnsureInitialized();
        var key = recipe.Key(corpus.Sha256, Release(build.Version));
        var folder = CacheFolder(dataFolder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"trained-tiny-{key[..16]}.gguf");
        var record = path + ".training.json";

        if (TryReadCached(path, record, key) is { } cached)
            return cached;
        using var processLock = AcquireLock(path + ".lock");
        if (TryReadCached(path, record, key) is { } trainedMeanwhile)
            return trainedMeanwhile;

        var work = Path.Combine(folder, $".work-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var startF16 = Path.Combine(work, "start-f16.gguf");
            var startF32 = Path.Combine(work, "start-f32.gguf");
            var trained = Path.Combine(work, "trained.gguf");
            ModelForge.ForgeAsync(recipe.StartSpec(), startF16, cancellationToken: cancellationToken).GetAwaiter().GetResult();
            ModelQuantizer.RunNative(startF16, startF32, new Gguf.Siblings.QuantizationType("f32", AllF32), [default], null, threads);
            var (epochs, tokens) = OptimizationRun.Run(startF32, trained, corpus.Text, recipe, threads, progress, cancellationToken);

            // llama_model_save_to_file writes only llama.cpp's own keys: copy the tensors once more to add ours.
            var partial = Path.Combine(work, "marked.gguf");
            ModelQuantizer.RunNative(trained, partial, new Gguf.Siblings.QuantizationType("f32", AllF32),
            [
                Native.LlamaModelKvOverride.String(GgufConstants.NameKey, TrainedMarker.Name),
                Native.LlamaModelKvOverride.String(TrainedMarker.RecipeKey, key),
                Native.LlamaModelKvOverride.String(TrainedMarker.CorpusSha256Key, corpus.Sha256),
                default,
            ], null, threads);
            var result = new TrainedModel(path, key, epochs, tokens, TrainedNow: true);
            File.WriteAllText(record + ".partial", JsonSerializer.Serialize(new TrainingRecord(key, recipe, corpus.Name, corpus.Sha256, build.Version, tokens, epochs), Json));
            File.Move(partial, path, overwrite: true);
            File.Move(record + ".partial", record, overwrite: true);
            return result;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static TrainedModel? TryReadCached(string path, string record, string key)
    {
        if (!File.Exists(path) || !File.Exists(record))
            return null;
        var saved = JsonSerializer.Deserialize<TrainingRecord>(File.ReadAllText(record));
        return saved is not null && saved.Key == key ? new TrainedModel(path, key, saved.Epochs, saved.TrainTokens, TrainedNow: false) : null;
    }

    /// <summary>"v0.5.0 via node-llama-cpp 3.22.1 (/folder)" without the folder: another checkout of the same release shares the cache key.</summary>
    private static string Release(string version)
    {
        var folder = version.IndexOf(" (", StringComparison.Ordinal);
        return folder < 0 ? version : version[..folder];
    }

    private static FileStream AcquireLock(string lockPath)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    private sealed record TrainingRecord(
        string Key, TrainingRecipe Recipe, string Corpus, string CorpusSha256, string Library, int TrainTokens, IReadOnlyList<TrainingEpoch> Epochs);
}
