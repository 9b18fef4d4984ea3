using System.Collections.Concurrent;
using System.Globalization;
using BenchCluster.Gguf.Forge;

namespace BenchCluster.Testing;

/// <summary>
/// Forged models for tests, made once per (preset, type, seed, forge version) into the repository's git-ignored
/// .data/test-models/ and reused by later runs. Safe when several test processes ask at once: a lock file serializes
/// forging across processes and the forge renames a finished file into place, so a path returned is always complete.
/// </summary>
public static class TestModels
{
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(20);
    private static readonly ConcurrentDictionary<string, Lazy<string>> InProcess = new(StringComparer.Ordinal);

    public static string Folder => Path.Combine(RepositoryPaths.Root, ".data", "test-models");

    /// <summary>The tiny preset (Qwen2 shape, 64 wide, 2 layers, real Qwen2 tokenizer) in F16: a few tens of MB, loads in milliseconds.</summary>
    public static string TinyModelPath => Get(ForgePresets.Tiny, "f16");

    /// <summary>A forged model of a preset (see <see cref="ForgePresets.Names"/>) and type ("f16", "q8_0", "q4_0", "q4_k_m").</summary>
    public static string Get(string preset, string type, ulong seed = 0)
    {
        var spec = ForgePresets.Get(preset) with { WeightType = ForgeWeightTypes.Parse(type), Seed = seed };
        var name = $"{spec.Preset}-{ForgeWeightTypes.Name(spec.WeightType)}-s{seed.ToString(CultureInfo.InvariantCulture)}-v{ModelForge.ForgeVersion}.gguf";
        var path = Path.Combine(Folder, name);
        return InProcess.GetOrAdd(path, p => new Lazy<string>(() => ForgeOnce(spec, p))).Value;
    }

    private static string ForgeOnce(ForgeSpec spec, string path)
    {
        if (File.Exists(path))
            return path;
        Directory.CreateDirectory(Folder);
        using var processLock = AcquireLock(path + ".lock");
        if (!File.Exists(path))
            Task.Run(() => ModelForge.ForgeAsync(spec, path)).GetAwaiter().GetResult();
        return path;
    }

    private static FileStream AcquireLock(string lockPath)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock that other .NET processes respect.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(LockRetryDelay);
            }
        }
    }
}
