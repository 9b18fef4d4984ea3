namespace BenchCluster.Gguf.Forge.Blocks;

/// <summary>
/// Fixed, finite fp16 scales for each quantized block layout (ggml-common.h), chosen so that uniformly random quants
/// decode to weights of mean about 0 and standard deviation <see cref="WeightStandardDeviation"/>, the magnitude of
/// trained transformer weights: activations then stay finite through every layer.
/// </summary>
internal static class QuantBlockScales
{
    public const float WeightStandardDeviation = 0.02f;

    // Standard deviation of a uniform integer over n values: sqrt((n^2 - 1) / 12).
    private static readonly double Uniform16 = Math.Sqrt((16.0 * 16 - 1) / 12);
    private static readonly double Uniform32 = Math.Sqrt((32.0 * 32 - 1) / 12);
    private static readonly double Uniform64 = Math.Sqrt((64.0 * 64 - 1) / 12);
    private static readonly double Uniform256 = Math.Sqrt((256.0 * 256 - 1) / 12);

    /// <summary>The 6-bit sub-block scale and min of Q4_K (all eight set to this value).</summary>
    public const int KQuantSubScale = 32;

    /// <summary>The int8 sub-block scale of Q6_K (all sixteen set to this value).</summary>
    public const sbyte Q6KSubScale = 16;

    /// <summary>Q8_0: weight = d * q, q uniform in -128..127.</summary>
    public static ushort Q8_0 { get; } = Half(WeightStandardDeviation / Uniform256);

    /// <summary>Q4_0: weight = d * (q - 8), q uniform in 0..15.</summary>
    public static ushort Q4_0 { get; } = Half(WeightStandardDeviation / Uniform16);

    /// <summary>Q5_0: weight = d * (q - 16), q uniform in 0..31.</summary>
    public static ushort Q5_0 { get; } = Half(WeightStandardDeviation / Uniform32);

    /// <summary>Q4_K: weight = d * sc * q - dmin * m, q uniform in 0..15; dmin = 7.5 d centres it when sc = m.</summary>
    public static ushort Q4_K_D { get; } = Half(WeightStandardDeviation / (KQuantSubScale * Uniform16));

    public static ushort Q4_K_DMin { get; } = Half(7.5 * WeightStandardDeviation / (KQuantSubScale * Uniform16));

    /// <summary>Q6_K: weight = d * sc * (q - 32), q uniform in 0..63.</summary>
    public static ushort Q6_K_D { get; } = Half(WeightStandardDeviation / (Q6KSubScale * Uniform64));

    private static ushort Half(double value) => BitConverter.HalfToUInt16Bits((System.Half)value);
}
