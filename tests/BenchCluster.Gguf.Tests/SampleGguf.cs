using System.Buffers.Binary;
using System.Text;
using BenchCluster.Gguf.Format;
using BenchCluster.Gguf.Writing;

namespace BenchCluster.Gguf.Tests;

/// <summary>A small valid GGUF model (llama architecture, one block, eight tokens, metadata of every type) and byte patching helpers.</summary>
internal static class SampleGguf
{
    public const int EmbeddingLength = 32;
    public static readonly string[] Tokens = ["<s>", "</s>", "a", "b", "c", "ab", "bc", "abc"];

    public static List<GgufMetadataEntry> Metadata() =>
    [
        new("general.architecture", GgufValue.Of("llama")),
        new("general.name", GgufValue.Of("sample")),
        new("llama.block_count", GgufValue.Of(1u)),
        new("llama.context_length", GgufValue.Of(128u)),
        new("llama.embedding_length", GgufValue.Of((uint)EmbeddingLength)),
        new("llama.feed_forward_length", GgufValue.Of(64u)),
        new("llama.attention.head_count", GgufValue.Of(4u)),
        new("llama.attention.head_count_kv", GgufValue.Of(2u)),
        new("llama.attention.layer_norm_rms_epsilon", GgufValue.Of(1e-5f)),
        new("test.u8", GgufValue.Of((byte)200)),
        new("test.i8", GgufValue.Of((sbyte)-100)),
        new("test.u16", GgufValue.Of((ushort)60000)),
        new("test.i16", GgufValue.Of((short)-30000)),
        new("test.i32", GgufValue.Of(-2_000_000_000)),
        new("test.u64", GgufValue.Of(ulong.MaxValue)),
        new("test.i64", GgufValue.Of(long.MinValue)),
        new("test.f64", GgufValue.Of(Math.PI)),
        new("test.bool", GgufValue.Of(true)),
        new("test.u8s", GgufValue.OfArray(new byte[] { 1, 2, 3 })),
        new("test.u64s", GgufValue.OfArray(new ulong[] { 7, 8 })),
        new("test.bools", GgufValue.OfArray(new[] { true, false })),
        new("tokenizer.ggml.model", GgufValue.Of("gpt2")),
        new("tokenizer.ggml.tokens", GgufValue.OfArray(Tokens.ToArray())),
        new("tokenizer.ggml.token_type", GgufValue.OfArray(Enumerable.Repeat(1, Tokens.Length).ToArray())),
        new("tokenizer.ggml.scores", GgufValue.OfArray(new float[Tokens.Length])),
        new("tokenizer.ggml.bos_token_id", GgufValue.Of(0u)),
    ];

    public static List<(GgufTensorSpec Tensor, byte[] Data)> Tensors() =>
    [
        Tensor("token_embd.weight", GgmlType.F16, EmbeddingLength, Tokens.Length),
        Tensor("blk.0.attn_norm.weight", GgmlType.F32, EmbeddingLength),
        Tensor("blk.0.attn_q.weight", GgmlType.Q8_0, EmbeddingLength, EmbeddingLength),
        Tensor("output_norm.weight", GgmlType.F32, EmbeddingLength),
    ];

    public static byte[] Bytes { get; } = Build(Metadata(), Tensors());

    public static byte[] Build(IReadOnlyList<GgufMetadataEntry> metadata, IReadOnlyList<(GgufTensorSpec Tensor, byte[] Data)> tensors)
    {
        using var stream = new MemoryStream();
        GgufWriter.WriteAllAsync(stream, metadata, tensors).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    public static GgufFile Read(byte[] bytes) => GgufReader.Read(new MemoryStream(bytes), "sample.gguf");

    /// <summary>A copy of the sample with a patch applied.</summary>
    public static byte[] With(Action<byte[]> patch, byte[]? source = null)
    {
        var copy = (byte[])(source ?? Bytes).Clone();
        patch(copy);
        return copy;
    }

    /// <summary>Offset just past the length-prefixed string <paramref name="text"/> (a key or a tensor name).</summary>
    public static int After(byte[] bytes, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var at = bytes.AsSpan().IndexOf(needle);
        if (at < 0)
            throw new InvalidOperationException($"'{text}' is not in the sample.");
        return at + needle.Length;
    }

    public static void PutUInt32(byte[] bytes, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);

    public static void PutInt64(byte[] bytes, int offset, long value) => BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset), value);

    private static (GgufTensorSpec, byte[]) Tensor(string name, GgmlType type, params long[] dims)
    {
        var spec = new GgufTensorSpec(name, type, dims);
        var data = new byte[spec.ByteSize];
        // Non-zero, finite content: 0x11 bytes are small fp16/f32 values and valid quants.
        Array.Fill(data, (byte)0x11);
        return (spec, data);
    }
}
