namespace BenchCluster.Gguf.Forge;

/// <summary>
/// Named model shapes: a tiny one for tests and the exact shapes of published models (from each model's config.json;
/// docs/forge.md lists the sources). A preset is an F16 spec with seed 0; change the type or seed with <c>with</c>.
/// </summary>
public static class ForgePresets
{
    public const string Tiny = "tiny";
    public const string TinyR1 = "tiny-r1";

    private const float QwenRopeTheta = 1_000_000f;
    private const float DeepSeekDistillRopeTheta = 10_000f;
    private const float LlamaRopeTheta = 500_000f;
    private const float QwenRmsEpsilon = 1e-6f;
    private const float LlamaRmsEpsilon = 1e-5f;
    private const int QwenVocab = 151_936;
    private const int Qwen7BVocab = 152_064;
    private const int LlamaVocab = 128_256;
    private static readonly Llama3RopeScaling Llama32RopeScaling = new(Factor: 32, LowFrequencyFactor: 1, HighFrequencyFactor: 4, OriginalContextLength: 8192);

    private static readonly ForgeSpec Qwen2Base = new()
    {
        Architecture = ForgeArchitecture.Qwen2,
        Tokenizer = "qwen2",
        AttentionBias = true,
        RopeFreqBase = QwenRopeTheta,
        RmsNormEpsilon = QwenRmsEpsilon,
        ContextLength = 32_768,
        VocabSize = QwenVocab,
    };

    private static readonly ForgeSpec LlamaBase = new()
    {
        Architecture = ForgeArchitecture.Llama,
        Tokenizer = "llama-bpe",
        AttentionBias = false,
        RopeFreqBase = LlamaRopeTheta,
        RmsNormEpsilon = LlamaRmsEpsilon,
        ContextLength = 131_072,
        VocabSize = LlamaVocab,
        RopeScaling = Llama32RopeScaling,
        TiedEmbeddings = true,
    };

    private static readonly Dictionary<string, ForgeSpec> ByName = new ForgeSpec[]
    {
        // A few MB with the full Qwen2 tokenizer: loads and runs in milliseconds, for tests.
        Qwen2Base with { Preset = Tiny, EmbeddingLength = 64, FeedForwardLength = 128, BlockCount = 2, HeadCount = 4, HeadCountKv = 2, ContextLength = 4096, TiedEmbeddings = true },
        // The tiny shape with the R1 distills' tokenizer and chat template: reasoning workloads and their tests.
        Qwen2Base with { Preset = TinyR1, EmbeddingLength = 64, FeedForwardLength = 128, BlockCount = 2, HeadCount = 4, HeadCountKv = 2, ContextLength = 4096, TiedEmbeddings = true, Tokenizer = DeepSeekR1QwenTokenizer.Name },
        Qwen2Base with { Preset = "qwen2.5-0.5b", EmbeddingLength = 896, FeedForwardLength = 4864, BlockCount = 24, HeadCount = 14, HeadCountKv = 2, TiedEmbeddings = true },
        Qwen2Base with { Preset = "qwen2.5-1.5b", EmbeddingLength = 1536, FeedForwardLength = 8960, BlockCount = 28, HeadCount = 12, HeadCountKv = 2, TiedEmbeddings = true },
        Qwen2Base with { Preset = "qwen2.5-7b", EmbeddingLength = 3584, FeedForwardLength = 18944, BlockCount = 28, HeadCount = 28, HeadCountKv = 4, VocabSize = Qwen7BVocab, TiedEmbeddings = false },
        Qwen2Base with { Preset = "deepseek-r1-distill-qwen-1.5b", EmbeddingLength = 1536, FeedForwardLength = 8960, BlockCount = 28, HeadCount = 12, HeadCountKv = 2, TiedEmbeddings = false, RopeFreqBase = DeepSeekDistillRopeTheta, ContextLength = 131_072, Tokenizer = DeepSeekR1QwenTokenizer.Name },
        Qwen2Base with { Preset = "deepseek-r1-distill-qwen-7b", EmbeddingLength = 3584, FeedForwardLength = 18944, BlockCount = 28, HeadCount = 28, HeadCountKv = 4, VocabSize = Qwen7BVocab, TiedEmbeddings = false, RopeFreqBase = DeepSeekDistillRopeTheta, ContextLength = 131_072, Tokenizer = DeepSeekR1QwenTokenizer.Name },
        LlamaBase with { Preset = "llama-3.2-1b", EmbeddingLength = 2048, FeedForwardLength = 8192, BlockCount = 16, HeadCount = 32, HeadCountKv = 8 },
        LlamaBase with { Preset = "llama-3.2-3b", EmbeddingLength = 3072, FeedForwardLength = 8192, BlockCount = 28, HeadCount = 24, HeadCountKv = 8 },
    }.ToDictionary(spec => spec.Preset, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Names { get; } = ByName.Keys.ToList();

    public static bool TryGet(string? name, out ForgeSpec spec)
    {
        spec = name is not null && ByName.TryGetValue(name.Trim(), out var found) ? found : null!;
        return spec is not null;
    }

    /// <summary>The preset's spec; an unknown name throws <see cref="ForgeSpecException"/> listing the valid ones.</summary>
    public static ForgeSpec Get(string? name) =>
        TryGet(name, out var spec)
            ? spec
            : throw new ForgeSpecException(nameof(ForgeSpec.Preset),
                $"Unknown model preset '{name}': use one of {string.Join(", ", Names)}, or give a custom shape.");
}
