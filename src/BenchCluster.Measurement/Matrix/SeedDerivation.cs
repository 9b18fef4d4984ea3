using System.Security.Cryptography;
using System.Text;

namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// Seeds derived from the suite seed, the point and the repetition: deterministic, and different for every
/// repetition so a server's prefix cache never sees the same "random" prompts twice (vllm#52884).
/// </summary>
public static class SeedDerivation
{
    public static int ForRepetition(long suiteSeed, string pointId, int repetition) =>
        Derive($"{suiteSeed}/{pointId}/{repetition}");

    /// <summary>Warm-up prompts come from their own seed so they never share a prefix with measured ones.</summary>
    public static int ForWarmup(int jobSeed) => Derive($"warmup/{jobSeed}");

    /// <summary>A seed for stage <paramref name="stage"/> of a multi-stage job.</summary>
    public static int ForStage(int jobSeed, int stage) => Derive($"stage/{jobSeed}/{stage}");

    /// <summary>Each fleet driver draws its own prompts and arrivals, so drivers never send the same requests.</summary>
    public static int ForDriver(int jobSeed, int driver) => Derive($"driver/{jobSeed}/{driver}");

    private static int Derive(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        // Non-negative so it doubles as a System.Random seed and as a uint sampler seed.
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
