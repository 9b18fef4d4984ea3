using BenchCluster.Gguf.Forge;

namespace BenchCluster.Gguf.Tests.Forge;

public sealed class ForgeSpecTests
{
    private static readonly ForgeSpec Tiny = ForgePresets.Get(ForgePresets.Tiny);

    [Fact]
    public void Every_preset_is_valid_in_every_weight_type()
    {
        foreach (var name in ForgePresets.Names)
        {
            foreach (var type in ForgeWeightTypes.All)
                (ForgePresets.Get(name) with { WeightType = type }).Validate();
        }
    }

    [Fact]
    public void Presets_include_the_published_shapes()
    {
        Assert.Superset(
            new HashSet<string> { "tiny", "qwen2.5-0.5b", "qwen2.5-1.5b", "qwen2.5-7b", "deepseek-r1-distill-qwen-1.5b", "deepseek-r1-distill-qwen-7b", "llama-3.2-1b", "llama-3.2-3b" },
            ForgePresets.Names.ToHashSet());
        var qwen7 = ForgePresets.Get("qwen2.5-7b");
        Assert.Equal((3584, 18944, 28, 28, 4, 152_064, false), (qwen7.EmbeddingLength, qwen7.FeedForwardLength, qwen7.BlockCount, qwen7.HeadCount, qwen7.HeadCountKv, qwen7.VocabSize, qwen7.TiedEmbeddings));
        var llama3 = ForgePresets.Get("llama-3.2-3b");
        Assert.Equal((3072, 8192, 28, 24, 8, 128, true), (llama3.EmbeddingLength, llama3.FeedForwardLength, llama3.BlockCount, llama3.HeadCount, llama3.HeadCountKv, llama3.HeadDimension, llama3.TiedEmbeddings));
        Assert.Equal(10_000f, ForgePresets.Get("deepseek-r1-distill-qwen-7b").RopeFreqBase);
    }

    [Fact]
    public void Preset_names_are_case_insensitive()
    {
        Assert.Equal("qwen2.5-0.5b", ForgePresets.Get("Qwen2.5-0.5B").Preset);
    }

    [Fact]
    public void An_unknown_preset_lists_the_valid_names()
    {
        var error = Assert.Throws<ForgeSpecException>(() => ForgePresets.Get("gpt-5"));
        Assert.Equal(nameof(ForgeSpec.Preset), error.Field);
        Assert.Contains("'gpt-5'", error.Message, StringComparison.Ordinal);
        Assert.Contains("qwen2.5-7b", error.Message, StringComparison.Ordinal);
        Assert.Contains("llama-3.2-1b", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("f16", ForgeWeightType.F16)]
    [InlineData("Q8_0", ForgeWeightType.Q8_0)]
    [InlineData("q4_0", ForgeWeightType.Q4_0)]
    [InlineData("q4_k_m", ForgeWeightType.Q4_K_M)]
    [InlineData(" Q4-K-M ", ForgeWeightType.Q4_K_M)]
    public void Weight_types_parse_as_users_write_them(string text, ForgeWeightType expected)
    {
        Assert.Equal(expected, ForgeWeightTypes.Parse(text));
    }

    [Fact]
    public void An_unknown_weight_type_lists_the_allowed_ones()
    {
        var error = Assert.Throws<ForgeSpecException>(() => ForgeWeightTypes.Parse("q3_k_s"));
        Assert.Equal(nameof(ForgeSpec.WeightType), error.Field);
        Assert.Contains("'q3_k_s'", error.Message, StringComparison.Ordinal);
        Assert.Contains("f16, q8_0, q4_0, q4_k_m", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, ForgeSpec> InvalidSpecs => new()
    {
        { nameof(ForgeSpec.EmbeddingLength), Tiny with { EmbeddingLength = 0 } },
        { nameof(ForgeSpec.BlockCount), Tiny with { BlockCount = 5000 } },
        { nameof(ForgeSpec.HeadCountKv), Tiny with { HeadCountKv = 8 } },
        { nameof(ForgeSpec.HeadCountKv), Tiny with { HeadCountKv = 3 } },
        { nameof(ForgeSpec.HeadCount), Tiny with { HeadCount = 3, HeadCountKv = 1 } },
        { nameof(ForgeSpec.HeadCount), Tiny with { EmbeddingLength = 96, HeadCount = 32, HeadCountKv = 2 } },
        { nameof(ForgeSpec.EmbeddingLength), Tiny with { EmbeddingLength = 72, HeadCount = 4, WeightType = ForgeWeightType.Q8_0 } },
        { nameof(ForgeSpec.FeedForwardLength), Tiny with { FeedForwardLength = 100, WeightType = ForgeWeightType.Q4_0 } },
        { nameof(ForgeSpec.VocabSize), Tiny with { VocabSize = -1 } },
        { nameof(ForgeSpec.ContextLength), Tiny with { ContextLength = 0 } },
        { nameof(ForgeSpec.RopeFreqBase), Tiny with { RopeFreqBase = float.NaN } },
        { nameof(ForgeSpec.RmsNormEpsilon), Tiny with { RmsNormEpsilon = 0 } },
        { nameof(ForgeSpec.RopeScaling), Tiny with { RopeScaling = new Llama3RopeScaling(32, 4, 1, 8192) } },
        { nameof(ForgeSpec.Tokenizer), Tiny with { Tokenizer = "../etc/passwd" } },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Invalid_specs_name_the_field(string field, ForgeSpec spec)
    {
        var error = Assert.Throws<ForgeSpecException>(() => spec.Validate());
        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void F16_accepts_rows_that_are_not_whole_quant_blocks()
    {
        (Tiny with { EmbeddingLength = 72, HeadCount = 4, HeadCountKv = 2 }).Validate();
    }
}
