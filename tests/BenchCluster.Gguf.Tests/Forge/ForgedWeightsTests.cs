using System.Buffers.Binary;
using BenchCluster.Gguf.Forge;
using BenchCluster.Gguf.Format;
using BenchCluster.Testing;

namespace BenchCluster.Gguf.Tests.Forge;

/// <summary>
/// Decodes forged blocks with the formulas of ggml-common.h (written here independently of the forge) and checks the
/// weights are finite, centred and of trained-weight magnitude, so activations stay finite through every layer.
/// </summary>
public sealed class ForgedWeightsTests
{
    private const double TargetStandardDeviation = 0.02;
    private const int BlocksChecked = 64;

    // Rows of 256 take the K-quant types: Q4_K for most matrices, Q6_K for the tied embedding and "more bits" layers.
    private static readonly ForgeSpec KQuantShape = ForgePresets.Get(ForgePresets.Tiny) with
    {
        Preset = "custom", EmbeddingLength = 256, FeedForwardLength = 512, WeightType = ForgeWeightType.Q4_K_M, Seed = 11,
    };

    [Fact]
    public async Task K_quant_blocks_decode_to_small_finite_weights()
    {
        var (file, bytes) = await ForgeAndLoadAsync(KQuantShape, "kquants");

        var q4k = Blocks(file, bytes, "blk.0.attn_q.weight", GgmlType.Q4_K);
        AssertTrainedMagnitude(q4k.SelectMany(DecodeQ4K));

        foreach (var block in Blocks(file, bytes, "token_embd.weight", GgmlType.Q6_K))
        {
            var d = (double)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(208)));
            var scales = block.AsSpan(192, 16).ToArray().Select(b => (sbyte)b);
            // q - 32 lies in -32..31, so |w| <= d * |scale| * 32.
            Assert.All(scales, s => Assert.InRange(Math.Abs(d * s * 32), 1e-4, 0.2));
        }
    }

    [Theory]
    [InlineData(ForgeWeightType.Q8_0, GgmlType.Q8_0)]
    [InlineData(ForgeWeightType.Q4_0, GgmlType.Q4_0)]
    [InlineData(ForgeWeightType.Q4_K_M, GgmlType.Q5_0)]
    [InlineData(ForgeWeightType.F16, GgmlType.F16)]
    public async Task Legacy_blocks_and_halves_decode_to_small_finite_weights(ForgeWeightType weightType, GgmlType tensorType)
    {
        var (file, bytes) = await LoadAsync(TestModels.Get(ForgePresets.Tiny, ForgeWeightTypes.Name(weightType)));

        var blocks = Blocks(file, bytes, "blk.0.ffn_up.weight", tensorType);
        AssertTrainedMagnitude(blocks.SelectMany(block => Decode(tensorType, block)));
    }

    [Fact]
    public async Task Norm_weights_are_near_one()
    {
        var (file, bytes) = await LoadAsync(TestModels.TinyModelPath);
        var norm = file.FindTensor("blk.1.ffn_norm.weight")!;
        var values = Enumerable.Range(0, (int)norm.ElementCount).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)norm.AbsoluteOffset + 4 * i)));
        Assert.All(values, v => Assert.InRange(v, 0.8f, 1.2f));
    }

    private static void AssertTrainedMagnitude(IEnumerable<double> weights)
    {
        var values = weights.ToList();
        Assert.All(values, w => Assert.True(double.IsFinite(w) && Math.Abs(w) < 0.2, $"weight {w}"));
        var mean = values.Average();
        var deviation = Math.Sqrt(values.Average(w => (w - mean) * (w - mean)));
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(deviation, TargetStandardDeviation * 0.75, TargetStandardDeviation * 1.25);
    }

    private static IEnumerable<double> Decode(GgmlType type, byte[] block) => type switch
    {
        GgmlType.Q8_0 => block[2..].Select(q => Half(block, 0) * (sbyte)q),
        GgmlType.Q4_0 => Nibbles(block.AsSpan(2, 16).ToArray()).Select(q => Half(block, 0) * (q - 8)),
        GgmlType.Q5_0 => DecodeQ5_0(block),
        _ => [Half(block, 0)],
    };

    // block_q5_0: d, qh (32 high bits), qs (low nibbles: element j in the low half of byte j, element j+16 in the high half).
    private static IEnumerable<double> DecodeQ5_0(byte[] block)
    {
        var d = Half(block, 0);
        var qh = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(2));
        for (var j = 0; j < 16; j++)
        {
            var low = (block[6 + j] & 0xF) | (int)(((qh >> j) & 1) << 4);
            var high = (block[6 + j] >> 4) | (int)(((qh >> (j + 16)) & 1) << 4);
            yield return d * (low - 16);
            yield return d * (high - 16);
        }
    }

    // block_q4_K: d, dmin, 12 bytes of packed 6-bit scales/mins, 128 bytes of nibbles in four 64-element groups.
    private static IEnumerable<double> DecodeQ4K(byte[] block)
    {
        var d = Half(block, 0);
        var dmin = Half(block, 2);
        var scales = block.AsSpan(4, 12).ToArray();
        for (var group = 0; group < 4; group++)
        {
            for (var half = 0; half < 2; half++)
            {
                var sub = group * 2 + half;
                var (scale, min) = ScaleMin(sub, scales);
                for (var l = 0; l < 32; l++)
                {
                    var packed = block[16 + group * 32 + l];
                    var q = half == 0 ? packed & 0xF : packed >> 4;
                    yield return d * scale * q - dmin * min;
                }
            }
        }
    }

    private static (int Scale, int Min) ScaleMin(int j, byte[] q) => j < 4
        ? (q[j] & 63, q[j + 4] & 63)
        : ((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4), (q[j + 4] >> 4) | ((q[j] >> 6) << 4));

    private static IEnumerable<int> Nibbles(byte[] bytes) => bytes.Select(b => b & 0xF).Concat(bytes.Select(b => b >> 4));

    private static double Half(byte[] block, int at) => (double)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(at)));

    private static List<byte[]> Blocks(GgufFile file, byte[] bytes, string tensorName, GgmlType expected)
    {
        var tensor = file.FindTensor(tensorName)!;
        Assert.Equal(expected, tensor.Type);
        var size = GgmlTypeInfo.Of(expected).BlockBytes;
        var count = (int)Math.Min(BlocksChecked, tensor.ByteSize / size);
        return Enumerable.Range(0, count).Select(i => bytes.AsSpan((int)tensor.AbsoluteOffset + i * size, size).ToArray()).ToList();
    }

    private static async Task<(GgufFile File, byte[] Bytes)> ForgeAndLoadAsync(ForgeSpec spec, string name)
    {
        var path = Path.Combine(RepositoryPaths.Scratch("gguf-weights"), $"{name}.gguf");
        await ModelForge.ForgeAsync(spec, path);
        try
        {
            return await LoadAsync(path);
        }
        finally
        {
            File.Delete(path);
            File.Delete(ModelDigestSidecar.PathFor(path));
        }
    }

    private static async Task<(GgufFile File, byte[] Bytes)> LoadAsync(string path) => (GgufReader.Read(path), await File.ReadAllBytesAsync(path));
}
