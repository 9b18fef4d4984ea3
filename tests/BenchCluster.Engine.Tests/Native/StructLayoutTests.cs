using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Tests.Native;

/// <summary>
/// The mirrored structs must match the pinned headers byte for byte. Expected sizes and offsets were computed once with
/// gcc (sizeof/offsetof) from llama.cpp de3ff81 (tag v0.5.0) include/llama.h and ggml/include/ggml.h on x86-64 Linux.
/// A version bump that changes a layout fails here, and the round-trip tests catch a shifted field the sizes miss.
/// </summary>
public sealed class StructLayoutTests
{
    [Theory]
    [InlineData(typeof(LlamaModelParams), 80)]
    [InlineData(typeof(LlamaContextParams), 160)]
    [InlineData(typeof(LlamaBatch), 56)]
    [InlineData(typeof(LlamaSamplerChainParams), 1)]
    [InlineData(typeof(GgmlThreadpoolParams), 528)]
    public void Struct_size_matches_the_pinned_header(Type type, int expectedBytes)
    {
        Assert.Equal(expectedBytes, Marshal.SizeOf(type));
    }

    [Fact]
    public void Managed_and_marshalled_sizes_agree_so_structs_pass_by_value_unchanged()
    {
        Assert.Equal(Marshal.SizeOf<LlamaModelParams>(), Unsafe.SizeOf<LlamaModelParams>());
        Assert.Equal(Marshal.SizeOf<LlamaContextParams>(), Unsafe.SizeOf<LlamaContextParams>());
        Assert.Equal(Marshal.SizeOf<LlamaBatch>(), Unsafe.SizeOf<LlamaBatch>());
        Assert.Equal(Marshal.SizeOf<GgmlThreadpoolParams>(), Unsafe.SizeOf<GgmlThreadpoolParams>());
    }

    [Theory]
    [InlineData(typeof(LlamaModelParams), nameof(LlamaModelParams.n_gpu_layers), 16)]
    [InlineData(typeof(LlamaModelParams), nameof(LlamaModelParams.main_gpu), 32)]
    [InlineData(typeof(LlamaModelParams), nameof(LlamaModelParams.tensor_split), 40)]
    [InlineData(typeof(LlamaModelParams), nameof(LlamaModelParams.kv_overrides), 64)]
    [InlineData(typeof(LlamaModelParams), nameof(LlamaModelParams.vocab_only), 72)]
    [InlineData(typeof(LlamaModelParams), nameof(LlamaModelParams.load_mtp), 77)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.n_threads), 28)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.ctx_type), 36)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.flash_attn_type), 52)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.rope_freq_base), 56)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.defrag_thold), 84)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.cb_eval), 88)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.type_k), 104)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.abort_callback), 112)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.embeddings), 128)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.kv_unified), 133)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.samplers), 136)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.n_samplers), 144)]
    [InlineData(typeof(LlamaContextParams), nameof(LlamaContextParams.ctx_other), 152)]
    [InlineData(typeof(LlamaBatch), nameof(LlamaBatch.token), 8)]
    [InlineData(typeof(LlamaBatch), nameof(LlamaBatch.logits), 48)]
    [InlineData(typeof(GgmlThreadpoolParams), nameof(GgmlThreadpoolParams.n_threads), 512)]
    [InlineData(typeof(GgmlThreadpoolParams), nameof(GgmlThreadpoolParams.poll), 520)]
    [InlineData(typeof(GgmlThreadpoolParams), nameof(GgmlThreadpoolParams.paused), 525)]
    public void Field_offset_matches_the_pinned_header(Type type, string field, int expectedOffset)
    {
        Assert.Equal(expectedOffset, (int)Marshal.OffsetOf(type, field));
    }
}
