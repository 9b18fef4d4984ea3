using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Tests.Reading;

public sealed class GgufReaderTests
{
    private const int TensorCountOffset = 8;
    private const int MetadataCountOffset = 16;

    [Fact]
    public void Reads_back_every_metadata_type_and_the_tensor_table()
    {
        var file = SampleGguf.Read(SampleGguf.Bytes);

        Assert.Equal(3u, file.Version);
        Assert.Equal(32u, file.Alignment);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal((byte)200, file.Find("test.u8")!.Raw);
        Assert.Equal((sbyte)-100, file.Find("test.i8")!.Raw);
        Assert.Equal((ushort)60000, file.Find("test.u16")!.Raw);
        Assert.Equal((short)-30000, file.Find("test.i16")!.Raw);
        Assert.Equal(-2_000_000_000L, file.GetInteger("test.i32"));
        Assert.Equal(ulong.MaxValue, file.Find("test.u64")!.Raw);
        Assert.Equal(long.MinValue, file.GetInteger("test.i64"));
        Assert.Equal(Math.PI, file.GetDouble("test.f64"));
        Assert.True(file.GetBool("test.bool"));
        Assert.Equal(new byte[] { 1, 2, 3 }, file.Find("test.u8s")!.Raw);
        Assert.Equal(new ulong[] { 7, 8 }, file.Find("test.u64s")!.Raw);
        Assert.Equal(new[] { true, false }, file.Find("test.bools")!.Raw);
        Assert.Equal(GgufValueType.Int32, file.Find("tokenizer.ggml.token_type")!.ElementType);
        Assert.Equal(SampleGguf.Tokens, file.Find("tokenizer.ggml.tokens")!.AsStringArray());

        Assert.Equal(["token_embd.weight", "blk.0.attn_norm.weight", "blk.0.attn_q.weight", "output_norm.weight"], file.Tensors.Select(t => t.Name));
        var q = file.FindTensor("blk.0.attn_q.weight")!;
        Assert.Equal(GgmlType.Q8_0, q.Type);
        Assert.Equal(32 * 32 / 32 * 34, q.ByteSize);
        Assert.All(file.Tensors, t => Assert.Equal(0, t.AbsoluteOffset % 32));
        Assert.Equal(file.DataOffset, file.Tensors[0].AbsoluteOffset);
        Assert.Equal(SampleGguf.Bytes.Length, file.FileSize);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_gguf_naming_the_file_and_what_it_found()
    {
        var zip = "PK\u0003\u0004 this is a zip archive"u8.ToArray();
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(zip), "model.safetensors"));

        Assert.Equal(GgufProblem.NotGguf, error.Problem);
        Assert.Contains("'model.safetensors'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'PK??'", error.Message, StringComparison.Ordinal);
        Assert.Contains("convert", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_empty_file()
    {
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read([]));
        Assert.Equal(GgufProblem.NotGguf, error.Problem);
    }

    [Fact]
    public void Rejects_a_missing_file_with_its_own_error()
    {
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read("/nonexistent/model.gguf"));
        Assert.Equal(GgufProblem.Unreadable, error.Problem);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(400)]
    public void Rejects_a_file_truncated_in_the_header_with_the_offset(int keep)
    {
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(SampleGguf.Bytes[..keep]));

        Assert.True(error.Problem is GgufProblem.Truncated or GgufProblem.AbsurdCount, error.Message);
        Assert.NotNull(error.Offset);
        Assert.InRange(error.Offset!.Value, 0, keep);
        Assert.Contains("at byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_file_truncated_in_the_tensor_table()
    {
        var cut = SampleGguf.After(SampleGguf.Bytes, "blk.0.attn_q.weight") + 6;
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(SampleGguf.Bytes[..cut]));
        Assert.Equal(GgufProblem.Truncated, error.Problem);
        Assert.Contains("blk.0.attn_q.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_file_truncated_in_the_tensor_data_naming_the_tensor_past_the_end()
    {
        var file = SampleGguf.Read(SampleGguf.Bytes);
        var cut = (int)file.FindTensor("blk.0.attn_q.weight")!.AbsoluteOffset + 10;

        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(SampleGguf.Bytes[..cut]));

        Assert.Equal(GgufProblem.TensorOutOfBounds, error.Problem);
        Assert.Contains("'blk.0.attn_q.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(4u)]
    [InlineData(0u)]
    public void Rejects_unsupported_versions(uint version)
    {
        var bytes = SampleGguf.With(b => SampleGguf.PutUInt32(b, 4, version));
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.Equal(GgufProblem.UnsupportedVersion, error.Problem);
        Assert.Contains($"version {version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_big_endian_file_saying_so()
    {
        var bytes = SampleGguf.With(b => SampleGguf.PutUInt32(b, 4, 0x03000000));
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.Contains("big-endian", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TensorCountOffset, -1L)]
    [InlineData(TensorCountOffset, long.MaxValue)]
    [InlineData(TensorCountOffset, 1_000_000L)]
    [InlineData(MetadataCountOffset, -5L)]
    [InlineData(MetadataCountOffset, 1L << 40)]
    [InlineData(MetadataCountOffset, 60_000L)]
    public void Rejects_absurd_counts_before_allocating(int offset, long count)
    {
        var bytes = SampleGguf.With(b => SampleGguf.PutInt64(b, offset, count));
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.Equal(GgufProblem.AbsurdCount, error.Problem);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Rejects_a_string_longer_than_the_file()
    {
        var keyLengthAt = SampleGguf.After(SampleGguf.Bytes, "general.name") + 4;
        var bytes = SampleGguf.With(b => SampleGguf.PutInt64(b, keyLengthAt, 1L << 40));
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.True(error.Problem is GgufProblem.AbsurdLength or GgufProblem.Truncated, error.Message);
        Assert.Contains("general.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_array_longer_than_the_file()
    {
        var countAt = SampleGguf.After(SampleGguf.Bytes, "tokenizer.ggml.tokens") + 8;
        var bytes = SampleGguf.With(b => SampleGguf.PutInt64(b, countAt, 10_000_000));
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.Equal(GgufProblem.AbsurdCount, error.Problem);
        Assert.Contains("tokenizer.ggml.tokens", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13u)]
    [InlineData(0xFFFFFFFFu)]
    public void Rejects_an_unknown_metadata_value_type(uint type)
    {
        var bytes = SampleGguf.With(b => SampleGguf.PutUInt32(b, SampleGguf.After(b, "test.u16"), type));
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.Equal(GgufProblem.InvalidMetadata, error.Problem);
        Assert.Contains("test.u16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_nested_arrays()
    {
        var bytes = SampleGguf.With(b => SampleGguf.PutUInt32(b, SampleGguf.After(b, "test.u8s") + 4, (uint)GgufValueType.Array));
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.Equal(GgufProblem.InvalidMetadata, error.Problem);
        Assert.Contains("array of arrays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_duplicate_metadata_keys()
    {
        // "test.i16" becomes a second "test.u16".
        var bytes = SampleGguf.With(b => "test.u16"u8.CopyTo(b.AsSpan(SampleGguf.After(b, "test.i16") - 8)));
        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.Equal(GgufProblem.DuplicateKey, error.Problem);
        Assert.Contains("'test.u16'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_alignment_that_is_not_a_power_of_two()
    {
        var metadata = SampleGguf.Metadata();
        metadata.Add(new GgufMetadataEntry(GgufConstants.AlignmentKey, GgufValue.Of(64u)));
        var bytes = SampleGguf.With(b => SampleGguf.PutUInt32(b, SampleGguf.After(b, GgufConstants.AlignmentKey) + 4, 48u),
            SampleGguf.Build(metadata, SampleGguf.Tensors()));

        var error = Assert.Throws<GgufFormatException>(() => SampleGguf.Read(bytes));
        Assert.Equal(GgufProblem.InvalidMetadata, error.Problem);
        Assert.Contains("power of two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_custom_alignment()
    {
        var metadata = SampleGguf.Metadata();
        metadata.Add(new GgufMetadataEntry(GgufConstants.AlignmentKey, GgufValue.Of(256u)));
        var file = SampleGguf.Read(SampleGguf.Build(metadata, SampleGguf.Tensors()));
        Assert.Equal(256u, file.Alignment);
        Assert.All(file.Tensors, t => Assert.Equal(0, t.AbsoluteOffset % 256));
    }
}
