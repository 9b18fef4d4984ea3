using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>
/// One scored position of the reference, as the cache keeps it (docs/quality.md): the log-normaliser and the
/// target token's negative log-likelihood in double, the most likely token, then every vocabulary entry's logit
/// relative to the row's maximum, clamped to [−<see cref="Range"/>, 0] and quantized to 16 bits (step
/// <see cref="Step"/> ≈ 3.7e-4 nats). Level 0 means "at or below the range": probability under e^−24 of the top
/// token's, left out of the KL sum.
/// </summary>
public static class ReferenceRow
{
    public const double Range = 24.0;
    public const double Step = Range / ushort.MaxValue;
    private const int HeaderBytes = 24;

    public static long Bytes(int vocabularySize) => HeaderBytes + 2L * vocabularySize;

    static ReferenceRow()
    {
        // Rows are read in place as little-endian uint16 levels.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The reference cache format is little-endian; this machine is not.");
    }

    /// <summary>Encodes the reference's logits at one position, whose next token is <paramref name="target"/>.</summary>
    public static void Encode(ReadOnlySpan<float> logits, int target, Span<byte> row)
    {
        CheckLength(row.Length, logits.Length);
        var softmax = LogSoftmax.Of(logits);
        BinaryPrimitives.WriteDoubleLittleEndian(row, softmax.LogNormalizer);
        BinaryPrimitives.WriteDoubleLittleEndian(row[8..], -softmax.LogProbability(logits, target));
        BinaryPrimitives.WriteInt32LittleEndian(row[16..], softmax.ArgMax);
        BinaryPrimitives.WriteInt32LittleEndian(row[20..], 0);
        var levels = row[HeaderBytes..];
        for (var i = 0; i < logits.Length; i++)
        {
            var relative = Math.Max(logits[i] - softmax.Max, -Range);
            BinaryPrimitives.WriteUInt16LittleEndian(levels[(2 * i)..], (ushort)Math.Round((relative + Range) / Step));
        }
    }

    public static double LogNormalizer(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadDoubleLittleEndian(row);

    public static double TargetNll(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadDoubleLittleEndian(row[8..]);

    public static int TopToken(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadInt32LittleEndian(row[16..]);

    /// <summary>
    /// KL(reference ‖ model) at this position: Σ p_ref,i (log p_ref,i − log p_model,i) over the entries the row keeps,
    /// with the reference's kept probabilities summing to 1. <paramref name="scratch"/> (a vocabulary's length) holds
    /// the vectorized exponentials; the log-ratios and the sums stay in double.
    /// </summary>
    public static double KlDivergence(ReadOnlySpan<byte> row, ReadOnlySpan<float> modelLogits, LogSoftmax model, Span<float> scratch)
    {
        CheckLength(row.Length, modelLogits.Length);
        var referenceNormalizer = LogNormalizer(row);
        var levels = MemoryMarshal.Cast<byte, ushort>(row[HeaderBytes..]);
        var probabilities = scratch[..modelLogits.Length];
        TensorPrimitives.ConvertChecked<ushort, float>(levels, probabilities);
        TensorPrimitives.Multiply(probabilities, (float)Step, probabilities);
        TensorPrimitives.Add(probabilities, (float)(-Range - referenceNormalizer), probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        var modelOffset = model.Max + model.LogNormalizer;
        // Renormalising the kept levels (S = Σ p̂) leaves rounding only a second-order O(step²) term, so a model
        // against itself scores 0 to ~1e-8 instead of the first-order rounding noise.
        double weighted = 0;
        double mass = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level == 0)
                continue;
            double probability = probabilities[i];
            mass += probability;
            weighted += probability * (level * Step - Range - referenceNormalizer - (modelLogits[i] - modelOffset));
        }
        return mass > 0 ? weighted / mass - Math.Log(mass) : 0;
    }

    /// <summary>As the overload with scratch, through a pooled buffer (tests and one-off rows).</summary>
    public static double KlDivergence(ReadOnlySpan<byte> row, ReadOnlySpan<float> modelLogits, LogSoftmax model)
    {
        var scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, modelLogits.Length));
        try
        {
            return KlDivergence(row, modelLogits, model, scratch);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static void CheckLength(int rowBytes, int vocabularySize)
    {
        if (rowBytes != Bytes(vocabularySize))
            throw new ArgumentException($"A reference row for {vocabularySize} tokens holds {Bytes(vocabularySize)} bytes, not {rowBytes}.");
    }
}
