using BenchCluster.Gguf.Forge;
using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Tests.Forge;

/// <summary>
/// The per-tensor type mix against what llama-quantize of the pinned llama.cpp wrote when it quantized our forged F16
/// qwen2.5-0.5b (measured once with /tmp/npm/llama.cpp/build/bin/llama-quantize; docs/forge.md shows how to repeat it).
/// </summary>
public sealed class ForgeTensorPlannerTests
{
    private const uint Alignment = 32;

    [Fact]
    public void Qwen25_05B_Q4_K_M_has_llama_quantizes_type_mix_and_data_size()
    {
        var plan = Plan("qwen2.5-0.5b", ForgeWeightType.Q4_K_M);

        var byType = plan.GroupBy(t => t.Type).ToDictionary(g => g.Key, g => (Count: g.Count(), Bytes: g.Sum(t => t.ByteSize)));
        Assert.Equal((121, 286_208L), byType[GgmlType.F32]);
        Assert.Equal((132, 173_150_208L), byType[GgmlType.Q5_0]);
        Assert.Equal((13, 146_105_344L), byType[GgmlType.Q8_0]);
        Assert.Equal((12, 42_900_480L), byType[GgmlType.Q6_K]);
        Assert.Equal((12, 29_417_472L), byType[GgmlType.Q4_K]);
        Assert.Equal(5, byType.Count);
        Assert.Equal(391_859_712L, PaddedDataBytes(plan));
    }

    [Fact]
    public void Qwen25_05B_tied_embedding_is_Q8_0_because_896_is_not_a_multiple_of_256()
    {
        var plan = Plan("qwen2.5-0.5b", ForgeWeightType.Q4_K_M);
        Assert.Equal(GgmlType.Q8_0, plan.Single(t => t.Name == "token_embd.weight").Type);
        Assert.DoesNotContain(plan, t => t.Name == "output.weight");
    }

    [Theory]
    [InlineData(ForgeWeightType.Q8_0, 525_120_000L)]
    [InlineData(ForgeWeightType.Q4_0, 346_206_720L)]
    public void Qwen25_05B_legacy_quants_have_llama_quantizes_data_size(ForgeWeightType type, long dataBytes)
    {
        Assert.Equal(dataBytes, PaddedDataBytes(Plan("qwen2.5-0.5b", type)));
    }

    [Fact]
    public void Q4_K_M_gives_Q6_K_to_attn_v_and_ffn_down_of_the_more_bits_layers()
    {
        var plan = Plan("qwen2.5-7b", ForgeWeightType.Q4_K_M);
        var moreBits = Enumerable.Range(0, 28).Where(layer => plan.Single(t => t.Name == $"blk.{layer}.ffn_down.weight").Type == GgmlType.Q6_K);

        // First and last eighth of 28 layers (0-2, 24-27) and every third in between, counting from 3 (5, 8, ..., 23).
        Assert.Equal([0, 1, 2, 5, 8, 11, 14, 17, 20, 23, 24, 25, 26, 27], moreBits);
        Assert.All(moreBits, layer => Assert.Equal(GgmlType.Q6_K, plan.Single(t => t.Name == $"blk.{layer}.attn_v.weight").Type));
        Assert.Equal(GgmlType.Q4_K, plan.Single(t => t.Name == "blk.3.attn_v.weight").Type);
        Assert.Equal(GgmlType.Q6_K, plan.Single(t => t.Name == "output.weight").Type);
        Assert.Equal(GgmlType.Q4_K, plan.Single(t => t.Name == "token_embd.weight").Type);
    }

    [Fact]
    public void F16_keeps_one_dimensional_tensors_in_F32()
    {
        var plan = Plan("qwen2.5-0.5b", ForgeWeightType.F16);
        Assert.All(plan, t => Assert.Equal(t.Dimensions.Count == 1 ? GgmlType.F32 : GgmlType.F16, t.Type));
    }

    [Fact]
    public void Tensors_are_in_llama_cpps_loader_order()
    {
        var names = Plan("deepseek-r1-distill-qwen-1.5b", ForgeWeightType.F16).Select(t => t.Name).ToList();

        Assert.Equal(["output.weight", "output_norm.weight", "token_embd.weight", "blk.0.attn_k.bias", "blk.0.attn_k.weight"], names.Take(5));
        Assert.Equal("blk.27.ffn_up.weight", names[^1]);
        Assert.True(names.IndexOf("blk.2.attn_q.weight") < names.IndexOf("blk.10.attn_q.weight"), "blocks sort by number, not text");
    }

    [Fact]
    public void Llama_32_has_rope_frequency_factors_and_no_biases()
    {
        var plan = ForgeTensorPlanner.Plan(ForgePresets.Get("llama-3.2-1b"));
        var ropeFactors = plan.Single(t => t.Tensor.Name == "rope_freqs.weight");

        Assert.Equal([32L], ropeFactors.Tensor.Dimensions);
        Assert.Equal(GgmlType.F32, ropeFactors.Tensor.Type);
        Assert.DoesNotContain(plan, t => t.Tensor.Name.EndsWith(".bias", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("qwen2.5-0.5b", 494_032_768L)]
    [InlineData("llama-3.2-1b", 1_235_814_432L)]
    public void Parameter_counts_match_the_real_models(string preset, long parameters)
    {
        // 494.03 M is what llama-bench reports for the real Qwen2.5-0.5B-Instruct; Llama 3.2 1B's 1.24 B includes rope_freqs.
        Assert.Equal(parameters, Plan(preset, ForgeWeightType.F16).Sum(t => t.ElementCount));
    }

    private static List<Writing.GgufTensorSpec> Plan(string preset, ForgeWeightType type) =>
        ForgeTensorPlanner.Plan(ForgePresets.Get(preset) with { WeightType = type }).Select(t => t.Tensor).ToList();

    private static long PaddedDataBytes(IEnumerable<Writing.GgufTensorSpec> plan) =>
        plan.Sum(t => GgufReader.AlignUp(t.ByteSize, Alignment));
}
