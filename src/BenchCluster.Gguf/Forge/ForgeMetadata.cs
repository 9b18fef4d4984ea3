using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Forge;

/// <summary>The metadata of a forged model: general keys, the architecture's hyperparameters, the tokenizer and our synthetic marker.</summary>
internal static class ForgeMetadata
{
    // ggml's GGML_QNT_VERSION, which llama-quantize and the converter write.
    private const uint QuantizationVersion = 2;

    public static IReadOnlyList<GgufMetadataEntry> Build(ForgeSpec spec, IReadOnlyList<GgufMetadataEntry> tokenizer)
    {
        var arch = spec.ArchitectureName;
        var entries = new List<GgufMetadataEntry>();
        void Add(string key, GgufValue value) => entries.Add(new GgufMetadataEntry(key, value));

        Add(GgufConstants.ArchitectureKey, GgufValue.Of(arch));
        Add("general.type", GgufValue.Of("model"));
        Add(GgufConstants.NameKey, GgufValue.Of($"{SyntheticMarker.NamePrefix}{spec.Preset}"));
        Add("general.description", GgufValue.Of(
            $"Synthetic model forged by BenchCluster: random weights in the shape of {spec.Preset}. Its outputs are meaningless; only its speed is real."));
        Add(GgufConstants.FileTypeKey, GgufValue.Of((uint)ForgeWeightTypes.FileType(spec.WeightType)));
        Add(GgufConstants.QuantizationVersionKey, GgufValue.Of(QuantizationVersion));

        Add($"{arch}.block_count", GgufValue.Of((uint)spec.BlockCount));
        Add($"{arch}.context_length", GgufValue.Of((uint)spec.ContextLength));
        Add($"{arch}.embedding_length", GgufValue.Of((uint)spec.EmbeddingLength));
        Add($"{arch}.feed_forward_length", GgufValue.Of((uint)spec.FeedForwardLength));
        Add($"{arch}.attention.head_count", GgufValue.Of((uint)spec.HeadCount));
        Add($"{arch}.attention.head_count_kv", GgufValue.Of((uint)spec.HeadCountKv));
        Add($"{arch}.rope.freq_base", GgufValue.Of(spec.RopeFreqBase));
        Add($"{arch}.attention.layer_norm_rms_epsilon", GgufValue.Of(spec.RmsNormEpsilon));
        if (spec.Architecture == ForgeArchitecture.Llama)
        {
            Add($"{arch}.vocab_size", GgufValue.Of((uint)spec.VocabSize));
            Add($"{arch}.rope.dimension_count", GgufValue.Of((uint)spec.HeadDimension));
            Add($"{arch}.attention.key_length", GgufValue.Of((uint)spec.HeadDimension));
            Add($"{arch}.attention.value_length", GgufValue.Of((uint)spec.HeadDimension));
        }

        entries.AddRange(tokenizer);

        Add(SyntheticMarker.SyntheticKey, GgufValue.Of(true));
        Add(SyntheticMarker.PresetKey, GgufValue.Of(spec.Preset));
        Add(SyntheticMarker.SeedKey, GgufValue.Of(spec.Seed));
        Add(SyntheticMarker.WeightTypeKey, GgufValue.Of(ForgeWeightTypes.Name(spec.WeightType)));
        Add(SyntheticMarker.ForgeVersionKey, GgufValue.Of((uint)ModelForge.ForgeVersion));
        return entries;
    }
}
