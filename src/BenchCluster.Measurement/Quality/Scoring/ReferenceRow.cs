using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>
/// One scored position of the reference, as the cache keeps it (docs/quality.md): the log-normaliser and the
/// target token's negative log-likelihood in double, the most likely token, the probability mass of the tokens the
/// KL-divergence counts (float), then every vocabulary entry's logit relative to the row's maximum, clamped to
/// [−<see cref="Range"/>, 0] and quantized to 16 bits (step <see cref="Step"/> ≈ 3.7e-4 nats).
/// </summary>
public static class ReferenceRow
{
    public const double Range = 24.0;
    public const double Step = Range / ushort.MaxValue;
    /// <summary>
    /// llama-perplexity's convention: the KL sum leaves out reference tokens whose log-probability is at or below −16
    /// nats and does not renormalise the rest, so the figure equals the one its users publish. On a nearly flat
    /// model that part is not negligible (Q4_0 of the trained tiny model: 0.000214 over the full vocabulary, 0.000220
    /// with the floor); on sharp models it is.
    /// </summary>
    public const double LogProbabilityFloor = -16.0;
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
        var levels = row[HeaderBytes..];
        double keptMass = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var relative = Math.Max(logits[i] - softmax.Max, -Range);
            var level = (ushort)Math.Round((relative + Range) / Step);
            BinaryPrimitives.WriteUInt16LittleEndian(levels[(2 * i)..], level);
            // Counted or not by the stored level, exactly as KlDivergence decides; the mass itself from the exact logit.
            if (IsCounted(level, softmax.LogNormalizer))
                keptMass += Math.Exp(logits[i] - softmax.Max - softmax.LogNormalizer);
        }
        BinaryPrimitives.WriteSingleLittleEndian(row[20..], (float)keptMass);
    }

    public static double LogNormalizer(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadDoubleLittleEndian(row);

    public static double TargetNll(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadDoubleLittleEndian(row[8..]);

    public static int TopToken(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadInt32LittleEndian(row[16..]);

    /// <summary>The reference's probability mass over the tokens above <see cref="LogProbabilityFloor"/>.</summary>
    public static double KeptMass(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadSingleLittleEndian(row[20..]);

    private static bool IsCounted(ushort level, double referenceNormalizer) =>
        level != 0 && level * Step - Range - referenceNormalizer > LogProbabilityFloor;

    /// <summary>
    /// KL(reference ‖ model) at this position as llama-perplexity defines it: Σ p_ref,i (log p_ref,i − log p_model,i)
    /// over the tokens above <see cref="LogProbabilityFloor"/>. <paramref name="scratch"/> (a vocabulary's length) holds
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
        // The sum over the counted tokens is their exact mass M times (the KL of the renormalised counted part + ln M).
        // Renormalising by the levels' own mass S = Σ p̂ leaves the 16-bit rounding only a second-order O(step²) term
        // (a model against itself scores 0 to ~1e-8); M, kept exactly from the logits, then scales it back.
        double weighted = 0;
        double mass = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (!IsCounted(level, referenceNormalizer))
                continue;
            double probability = probabilities[i];
            mass += probability;
            weighted += probability * (level * Step - Range - referenceNormalizer - (modelLogits[i] - modelOffset));
        }
        var kept = KeptMass(row);
        return mass > 0 && kept > 0 ? kept * (weighted / mass - Math.Log(mass) + Math.Log(kept)) : 0;
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
