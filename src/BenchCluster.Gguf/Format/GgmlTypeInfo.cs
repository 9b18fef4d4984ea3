namespace BenchCluster.Gguf.Format;

/// <summary>
/// Storage layout of one tensor element type: how many elements a block holds and how many bytes it takes
/// (the <c>blck_size</c>/<c>type_size</c> of ggml's type traits, checked against ggml-common.h of the pinned llama.cpp).
/// </summary>
public sealed record GgmlTypeInfo(GgmlType Type, string Name, int BlockElements, int BlockBytes)
{
    private static readonly Dictionary<uint, GgmlTypeInfo> ByNumber = new[]
    {
        new GgmlTypeInfo(GgmlType.F32, "F32", 1, 4),
        new GgmlTypeInfo(GgmlType.F16, "F16", 1, 2),
        new GgmlTypeInfo(GgmlType.Q4_0, "Q4_0", 32, 18),
        new GgmlTypeInfo(GgmlType.Q4_1, "Q4_1", 32, 20),
        new GgmlTypeInfo(GgmlType.Q5_0, "Q5_0", 32, 22),
        new GgmlTypeInfo(GgmlType.Q5_1, "Q5_1", 32, 24),
        new GgmlTypeInfo(GgmlType.Q8_0, "Q8_0", 32, 34),
        new GgmlTypeInfo(GgmlType.Q8_1, "Q8_1", 32, 36),
        new GgmlTypeInfo(GgmlType.Q2_K, "Q2_K", 256, 84),
        new GgmlTypeInfo(GgmlType.Q3_K, "Q3_K", 256, 110),
        new GgmlTypeInfo(GgmlType.Q4_K, "Q4_K", 256, 144),
        new GgmlTypeInfo(GgmlType.Q5_K, "Q5_K", 256, 176),
        new GgmlTypeInfo(GgmlType.Q6_K, "Q6_K", 256, 210),
        new GgmlTypeInfo(GgmlType.Q8_K, "Q8_K", 256, 292),
        new GgmlTypeInfo(GgmlType.IQ2_XXS, "IQ2_XXS", 256, 66),
        new GgmlTypeInfo(GgmlType.IQ2_XS, "IQ2_XS", 256, 74),
        new GgmlTypeInfo(GgmlType.IQ3_XXS, "IQ3_XXS", 256, 98),
        new GgmlTypeInfo(GgmlType.IQ1_S, "IQ1_S", 256, 50),
        new GgmlTypeInfo(GgmlType.IQ4_NL, "IQ4_NL", 32, 18),
        new GgmlTypeInfo(GgmlType.IQ3_S, "IQ3_S", 256, 110),
        new GgmlTypeInfo(GgmlType.IQ2_S, "IQ2_S", 256, 82),
        new GgmlTypeInfo(GgmlType.IQ4_XS, "IQ4_XS", 256, 136),
        new GgmlTypeInfo(GgmlType.I8, "I8", 1, 1),
        new GgmlTypeInfo(GgmlType.I16, "I16", 1, 2),
        new GgmlTypeInfo(GgmlType.I32, "I32", 1, 4),
        new GgmlTypeInfo(GgmlType.I64, "I64", 1, 8),
        new GgmlTypeInfo(GgmlType.F64, "F64", 1, 8),
        new GgmlTypeInfo(GgmlType.IQ1_M, "IQ1_M", 256, 56),
        new GgmlTypeInfo(GgmlType.BF16, "BF16", 1, 2),
        new GgmlTypeInfo(GgmlType.TQ1_0, "TQ1_0", 256, 54),
        new GgmlTypeInfo(GgmlType.TQ2_0, "TQ2_0", 256, 66),
        new GgmlTypeInfo(GgmlType.MXFP4, "MXFP4", 32, 17),
        new GgmlTypeInfo(GgmlType.NVFP4, "NVFP4", 64, 36),
        new GgmlTypeInfo(GgmlType.Q1_0, "Q1_0", 128, 18),
        new GgmlTypeInfo(GgmlType.Q2_0, "Q2_0", 64, 18),
    }.ToDictionary(info => (uint)info.Type);

    /// <summary>Every type the pinned llama.cpp can read from a GGUF file.</summary>
    public static IEnumerable<GgmlTypeInfo> All => ByNumber.Values;

    /// <summary>The layout of a type number read from a file, or null when the number is not a type llama.cpp can load.</summary>
    public static GgmlTypeInfo? Find(uint typeNumber) => ByNumber.GetValueOrDefault(typeNumber);

    public static GgmlTypeInfo Of(GgmlType type) =>
        ByNumber.TryGetValue((uint)type, out var info) ? info : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a loadable ggml type.");

    /// <summary>Bytes of one row of <paramref name="rowElements"/> elements; the row length must be a multiple of the block size.</summary>
    public long RowBytes(long rowElements) => rowElements / BlockElements * BlockBytes;
}
