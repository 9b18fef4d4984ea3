namespace BenchCluster.Gguf.Forge.Random;

/// <summary>
/// 65,536 standard-normal samples (Box-Muller from a fixed seed): a random 16-bit index into the table gives a
/// normally distributed weight for the cost of a load, which keeps F16/F32 filling as fast as the disk.
/// </summary>
internal static class GaussianTable
{
    public const int Size = 1 << 16;
    private const ulong TableSeed = 0x5EED_6A55_1A11UL;

    public static float[] Unit { get; } = Build();

    /// <summary>The table scaled to <paramref name="standardDeviation"/> around <paramref name="mean"/>, as IEEE half-precision bits.</summary>
    public static ushort[] HalfBits(float mean, float standardDeviation)
    {
        var bits = new ushort[Size];
        for (var i = 0; i < Size; i++)
            bits[i] = BitConverter.HalfToUInt16Bits((Half)(mean + standardDeviation * Unit[i]));
        return bits;
    }

    private static float[] Build()
    {
        var generator = new Xoshiro256Lanes(TableSeed);
        var samples = new float[Size];
        for (var i = 0; i < Size; i += 2)
        {
            // Uniform in (0, 1]: 53 random bits, shifted away from zero so the logarithm is finite.
            var u1 = ((generator.NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
            var u2 = (generator.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            samples[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            samples[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
        }
        return samples;
    }
}
