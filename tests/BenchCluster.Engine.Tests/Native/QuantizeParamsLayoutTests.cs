using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Tests.Native;

/// <summary>
/// llama_model_quantize_params and llama_model_kv_override against the pinned llama.h (de3ff81, x86-64 Linux):
/// four 32-bit fields, six bools padded to 8, four pointers and a size_t (64 bytes); the override is a 4-byte tag,
/// a 128-byte key, 4 bytes of padding and a 128-byte 8-aligned union (264 bytes).
/// </summary>
public sealed class QuantizeParamsLayoutTests
{
    [Fact]
    public void Quantize_params_size_and_offsets_match_the_pinned_header()
    {
        Assert.Equal(64, Marshal.SizeOf<LlamaModelQuantizeParams>());
        Assert.Equal(64, Unsafe.SizeOf<LlamaModelQuantizeParams>());
        Assert.Equal(16, (int)Marshal.OffsetOf<LlamaModelQuantizeParams>(nameof(LlamaModelQuantizeParams.allow_requantize)));
        Assert.Equal(21, (int)Marshal.OffsetOf<LlamaModelQuantizeParams>(nameof(LlamaModelQuantizeParams.dry_run)));
        Assert.Equal(24, (int)Marshal.OffsetOf<LlamaModelQuantizeParams>(nameof(LlamaModelQuantizeParams.imatrix)));
        Assert.Equal(32, (int)Marshal.OffsetOf<LlamaModelQuantizeParams>(nameof(LlamaModelQuantizeParams.kv_overrides)));
        Assert.Equal(56, (int)Marshal.OffsetOf<LlamaModelQuantizeParams>(nameof(LlamaModelQuantizeParams.max_buf_size)));
    }

    [Fact]
    public void Kv_override_is_264_bytes_with_the_value_after_the_padded_key()
    {
        Assert.Equal(264, Unsafe.SizeOf<LlamaModelKvOverride>());
        var entry = LlamaModelKvOverride.String("k", "v");
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<LlamaModelKvOverride>(in entry));
        Assert.Equal(3, BitConverter.ToInt32(bytes[..4])); // LLAMA_KV_OVERRIDE_TYPE_STR
        Assert.Equal((byte)'k', bytes[4]);
        Assert.Equal((byte)'v', bytes[136]);
    }

    [Fact]
    public void Override_longer_than_the_c_buffer_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LlamaModelKvOverride.String("key", new string('x', 128)));
        Assert.Contains("127", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_defaults_read_back_field_by_field()
    {
        LlamaRuntime.EnsureInitialized();
        var p = LlamaNative.llama_model_quantize_default_params();

        Assert.Equal(0, p.nthread);
        Assert.Equal(7, p.ftype); // LLAMA_FTYPE_MOSTLY_Q8_0
        Assert.Equal(43, p.output_tensor_type); // GGML_TYPE_COUNT
        Assert.Equal(43, p.token_embedding_type);
        Assert.Equal([0, 1, 0, 0, 0, 0], new[] { p.allow_requantize, p.quantize_output_tensor, p.only_copy, p.pure, p.keep_split, p.dry_run });
        Assert.Equal([0, 0, 0, 0], new[] { p.imatrix, p.kv_overrides, p.tt_overrides, p.prune_layers });
        Assert.Equal(8UL << 30, (ulong)p.max_buf_size);
    }
}
