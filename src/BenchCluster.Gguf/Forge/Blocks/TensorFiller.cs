using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BenchCluster.Gguf.Forge.Random;
using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Forge.Blocks;

/// <summary>
/// Produces one tensor's bytes chunk by chunk: random bits from the tensor's own generator, then each block's scale
/// fields overwritten with finite values (quant bits are valid whatever they are). Chunks are whole blocks.
/// </summary>
internal sealed class TensorFiller
{
    private const float NormMean = 1f;
    private const int Q4KScaleBytes = 12;
    private const int Q6KQuantBytes = 192;
    private const int Q6KScaleCount = 16;

    private static readonly byte Q4KPackedLow = (byte)((QuantBlockScales.KQuantSubScale & 0x3F) | ((QuantBlockScales.KQuantSubScale >> 4) << 6));
    private static readonly byte Q4KPackedHigh = (byte)((QuantBlockScales.KQuantSubScale & 0xF) | ((QuantBlockScales.KQuantSubScale & 0xF) << 4));
    private static readonly Lazy<ushort[]> WeightHalves = new(() => GaussianTable.HalfBits(0f, QuantBlockScales.WeightStandardDeviation));

    private readonly ForgeTensor _tensor;
    private readonly Xoshiro256Lanes _random;
    private long _elementsDone;

    public TensorFiller(ForgeTensor tensor, ulong seed, int tensorIndex)
    {
        _tensor = tensor;
        _random = Xoshiro256Lanes.ForStream(seed, (ulong)tensorIndex);
        Info = GgmlTypeInfo.Of(tensor.Tensor.Type);
    }

    public GgmlTypeInfo Info { get; }

    public void Fill(Span<byte> chunk)
    {
        if (chunk.Length % Info.BlockBytes != 0)
            throw new ArgumentException($"A chunk of {chunk.Length} bytes is not whole {Info.Name} blocks.", nameof(chunk));
        switch (_tensor.Tensor.Type)
        {
            case GgmlType.F32: FillF32(MemoryMarshal.Cast<byte, float>(chunk)); break;
            case GgmlType.F16: FillF16(MemoryMarshal.Cast<byte, ushort>(chunk)); break;
            case GgmlType.Q8_0: FillBlocks(chunk, static b => BinaryPrimitives.WriteUInt16LittleEndian(b, QuantBlockScales.Q8_0)); break;
            case GgmlType.Q4_0: FillBlocks(chunk, static b => BinaryPrimitives.WriteUInt16LittleEndian(b, QuantBlockScales.Q4_0)); break;
            case GgmlType.Q5_0: FillBlocks(chunk, static b => BinaryPrimitives.WriteUInt16LittleEndian(b, QuantBlockScales.Q5_0)); break;
            case GgmlType.Q4_K: FillBlocks(chunk, PatchQ4K); break;
            case GgmlType.Q6_K: FillBlocks(chunk, PatchQ6K); break;
            default: throw new InvalidOperationException($"The forge cannot fill {Info.Name} tensors ('{_tensor.Tensor.Name}').");
        }
        _elementsDone += chunk.Length / Info.BlockBytes * Info.BlockElements;
    }

    private void FillF32(Span<float> values)
    {
        if (_tensor.FixedValues is { } fixedValues)
        {
            fixedValues.AsSpan((int)_elementsDone, values.Length).CopyTo(values);
            return;
        }
        var mean = _tensor.Role == TensorRole.Norm ? NormMean : 0f;
        var indices = RandomIndices(values.Length);
        var unit = GaussianTable.Unit;
        for (var i = 0; i < values.Length; i++)
            values[i] = mean + QuantBlockScales.WeightStandardDeviation * unit[indices[i]];
    }

    private void FillF16(Span<ushort> values)
    {
        // Random 16-bit words become table indices in place.
        _random.Fill(MemoryMarshal.AsBytes(values));
        var table = WeightHalves.Value;
        for (var i = 0; i < values.Length; i++)
            values[i] = table[values[i]];
    }

    private ushort[] RandomIndices(int count)
    {
        var indices = new ushort[count];
        _random.Fill(MemoryMarshal.AsBytes(indices.AsSpan()));
        return indices;
    }

    private delegate void BlockPatch(Span<byte> block);

    private void FillBlocks(Span<byte> chunk, BlockPatch patch)
    {
        _random.Fill(chunk);
        for (var offset = 0; offset < chunk.Length; offset += Info.BlockBytes)
            patch(chunk.Slice(offset, Info.BlockBytes));
    }

    // block_q4_K: d, dmin (fp16), scales[12] (eight 6-bit scales and mins packed), qs[128].
    private static void PatchQ4K(Span<byte> block)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(block, QuantBlockScales.Q4_K_D);
        BinaryPrimitives.WriteUInt16LittleEndian(block[2..], QuantBlockScales.Q4_K_DMin);
        var scales = block.Slice(4, Q4KScaleBytes);
        // Sub-blocks 0-3 keep scale and min in the low 6 bits of bytes 0-3 and 4-7; sub-blocks 4-7 keep their low
        // 4 bits in bytes 8-11 and their high 2 bits in the top bits of bytes 0-7.
        scales[..8].Fill(Q4KPackedLow);
        scales[8..].Fill(Q4KPackedHigh);
    }

    // block_q6_K: ql[128], qh[64], scales[16] (int8), d (fp16).
    private static void PatchQ6K(Span<byte> block)
    {
        block.Slice(Q6KQuantBytes, Q6KScaleCount).Fill((byte)QuantBlockScales.Q6KSubScale);
        BinaryPrimitives.WriteUInt16LittleEndian(block[(Q6KQuantBytes + Q6KScaleCount)..], QuantBlockScales.Q6_K_D);
    }
}
