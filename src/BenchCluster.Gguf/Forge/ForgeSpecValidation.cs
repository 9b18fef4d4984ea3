namespace BenchCluster.Gguf.Forge;

/// <summary>The checks behind <see cref="ForgeSpec.Validate"/>: each names the field, the value and what would work.</summary>
internal static class ForgeSpecValidation
{
    // Bounds that no published model comes near; they keep a typo from asking for a petabyte file.
    private const int MaxEmbeddingLength = 65_536;
    private const int MaxFeedForwardLength = 262_144;
    private const int MaxBlockCount = 1_024;
    private const int MaxHeadCount = 1_024;
    private const int MaxVocabSize = 1 << 21;
    private const int MaxContextLength = 1 << 24;
    private const int QuantBlockElements = 32;

    public static void Check(ForgeSpec spec)
    {
        InRange(nameof(ForgeSpec.EmbeddingLength), spec.EmbeddingLength, 8, MaxEmbeddingLength);
        InRange(nameof(ForgeSpec.FeedForwardLength), spec.FeedForwardLength, 8, MaxFeedForwardLength);
        InRange(nameof(ForgeSpec.BlockCount), spec.BlockCount, 1, MaxBlockCount);
        InRange(nameof(ForgeSpec.HeadCount), spec.HeadCount, 1, MaxHeadCount);
        InRange(nameof(ForgeSpec.HeadCountKv), spec.HeadCountKv, 1, spec.HeadCount);
        InRange(nameof(ForgeSpec.VocabSize), spec.VocabSize, 1, MaxVocabSize);
        InRange(nameof(ForgeSpec.ContextLength), spec.ContextLength, 1, MaxContextLength);

        if (spec.EmbeddingLength % spec.HeadCount != 0)
            Fail(nameof(ForgeSpec.HeadCount), $"HeadCount {spec.HeadCount} does not divide EmbeddingLength {spec.EmbeddingLength}: pick a head count whose multiple is the embedding length.");
        if (spec.HeadDimension % 2 != 0)
            Fail(nameof(ForgeSpec.HeadCount), $"the head dimension EmbeddingLength/HeadCount = {spec.HeadDimension} is odd; RoPE needs an even head dimension.");
        if (spec.HeadCount % spec.HeadCountKv != 0)
            Fail(nameof(ForgeSpec.HeadCountKv), $"HeadCountKv {spec.HeadCountKv} does not divide HeadCount {spec.HeadCount}: grouped-query attention needs whole groups.");
        if (spec.WeightType != ForgeWeightType.F16)
        {
            if (spec.EmbeddingLength % QuantBlockElements != 0)
                Fail(nameof(ForgeSpec.EmbeddingLength), $"EmbeddingLength {spec.EmbeddingLength} is not a multiple of {QuantBlockElements}, the quantization block: use a multiple of {QuantBlockElements} or WeightType f16.");
            if (spec.FeedForwardLength % QuantBlockElements != 0)
                Fail(nameof(ForgeSpec.FeedForwardLength), $"FeedForwardLength {spec.FeedForwardLength} is not a multiple of {QuantBlockElements}, the quantization block: use a multiple of {QuantBlockElements} or WeightType f16.");
        }
        if (!float.IsFinite(spec.RopeFreqBase) || spec.RopeFreqBase <= 1f)
            Fail(nameof(ForgeSpec.RopeFreqBase), $"RopeFreqBase {spec.RopeFreqBase} must be a finite number above 1 (10000, 500000, 1000000 are usual).");
        if (!float.IsFinite(spec.RmsNormEpsilon) || spec.RmsNormEpsilon <= 0f || spec.RmsNormEpsilon > 0.1f)
            Fail(nameof(ForgeSpec.RmsNormEpsilon), $"RmsNormEpsilon {spec.RmsNormEpsilon} must be in (0, 0.1] (1e-5 and 1e-6 are usual).");
        if (spec.RopeScaling is { } scaling &&
            !(scaling.Factor >= 1 && scaling.LowFrequencyFactor > 0 && scaling.HighFrequencyFactor > scaling.LowFrequencyFactor && scaling.OriginalContextLength > 0))
            Fail(nameof(ForgeSpec.RopeScaling), "RopeScaling needs Factor >= 1, 0 < LowFrequencyFactor < HighFrequencyFactor and a positive OriginalContextLength (Llama 3.2: 32, 1, 4, 8192).");
        if (string.IsNullOrWhiteSpace(spec.Tokenizer) || spec.Tokenizer.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || spec.Tokenizer.Contains('.', StringComparison.Ordinal))
            Fail(nameof(ForgeSpec.Tokenizer), $"Tokenizer '{spec.Tokenizer}' must name a vocabulary file runtimes/vocab/ggml-vocab-<name>.gguf, e.g. 'qwen2' or 'llama-bpe'.");
        if (string.IsNullOrWhiteSpace(spec.Preset))
            Fail(nameof(ForgeSpec.Preset), "Preset must not be empty (use \"custom\" for a hand-made shape).");
    }

    private static void InRange(string field, int value, int min, int max)
    {
        if (value < min || value > max)
            Fail(field, $"{field} is {value}; it must be between {min} and {max}.");
    }

    private static void Fail(string field, string message) => throw new ForgeSpecException(field, $"Invalid forge spec: {message}");
}
