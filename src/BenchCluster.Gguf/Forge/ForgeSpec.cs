namespace BenchCluster.Gguf.Forge;

/// <summary>
/// Everything that decides a forged model file: the shape (as in a model's config.json), the tokenizer, the weight
/// type and the seed. Same spec, same bytes. Presets come from <see cref="ForgePresets"/>; any field can be changed
/// with <c>with</c>, then <see cref="Validate"/> says which field is wrong.
/// </summary>
public sealed record ForgeSpec
{
    /// <summary>The preset this spec came from, or "custom"; written into the file's metadata.</summary>
    public string Preset { get; init; } = "custom";

    public ForgeArchitecture Architecture { get; init; } = ForgeArchitecture.Qwen2;

    /// <summary>hidden_size.</summary>
    public int EmbeddingLength { get; init; }

    /// <summary>intermediate_size.</summary>
    public int FeedForwardLength { get; init; }

    /// <summary>num_hidden_layers.</summary>
    public int BlockCount { get; init; }

    /// <summary>num_attention_heads.</summary>
    public int HeadCount { get; init; }

    /// <summary>num_key_value_heads.</summary>
    public int HeadCountKv { get; init; }

    /// <summary>vocab_size: the token embedding rows; the tokenizer is padded with [PAD] tokens up to it.</summary>
    public int VocabSize { get; init; }

    /// <summary>max_position_embeddings.</summary>
    public int ContextLength { get; init; }

    /// <summary>tie_word_embeddings: no separate output.weight.</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>rope_theta.</summary>
    public float RopeFreqBase { get; init; } = 10_000f;

    /// <summary>rms_norm_eps.</summary>
    public float RmsNormEpsilon { get; init; } = 1e-6f;

    /// <summary>Biases on the q/k/v projections (Qwen2 has them, Llama does not).</summary>
    public bool AttentionBias { get; init; }

    /// <summary>Llama 3 RoPE scaling, written as rope_freqs.weight; null for none.</summary>
    public Llama3RopeScaling? RopeScaling { get; init; }

    /// <summary>The vocabulary file name part: runtimes/vocab/ggml-vocab-{Tokenizer}.gguf ("qwen2", "llama-bpe").</summary>
    public string Tokenizer { get; init; } = "qwen2";

    public ForgeWeightType WeightType { get; init; } = ForgeWeightType.F16;

    public ulong Seed { get; init; }

    public int HeadDimension => HeadCount > 0 ? EmbeddingLength / HeadCount : 0;

    public string ArchitectureName => Architecture == ForgeArchitecture.Qwen2 ? "qwen2" : "llama";

    /// <summary>Throws <see cref="ForgeSpecException"/> naming the first field that cannot make a loadable model.</summary>
    public ForgeSpec Validate()
    {
        ForgeSpecValidation.Check(this);
        return this;
    }
}
