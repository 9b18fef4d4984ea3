namespace BenchCluster.Gguf.Tests.Reading;

/// <summary>Rejections of individual fields of a tensor info: name, n_dims, dims, type, offset.</summary>
public sealed class GgufTensorTableTests
{
    private const string Tensor = "blk.0.attn_q.weight";

    // Field offsets after a tensor's name, for a 2-D tensor.
    private const int DimsCountField = 0;
    private const int FirstDimField = 4;
    private const int SecondDimField = 12;
    private const int TypeField = 20;
    private const int OffsetField = 24;

    [Theory]
    [InlineData(4u)]
    [InlineData(31u)]
    [InlineData(43u)]
    [InlineData(1000u)]
    public void Rejects_an_unknown_tensor_type_listing_the_known_ones(uint type)
    {
        var error = Reject(b => SampleGguf.PutUInt32(b, At(b, TypeField), type));
        Assert.Equal(GgufProblem.UnknownTensorType, error.Problem);
        Assert.Contains($"type number {type}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Q4_K=12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_tensor_whose_data_lies_past_the_end_of_the_file()
    {
        var error = Reject(b => SampleGguf.PutInt64(b, At(b, OffsetField), 1L << 40));
        Assert.Equal(GgufProblem.TensorOutOfBounds, error.Problem);
        Assert.Contains($"'{Tensor}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_tensor_too_large_for_the_file()
    {
        var error = Reject(b => SampleGguf.PutInt64(b, At(b, SecondDimField), 1L << 30));
        Assert.Equal(GgufProblem.TensorOutOfBounds, error.Problem);
    }

    [Fact]
    public void Rejects_a_misaligned_data_offset()
    {
        var file = SampleGguf.Read(SampleGguf.Bytes);
        var offset = file.FindTensor(Tensor)!.Offset;
        var error = Reject(b => SampleGguf.PutInt64(b, At(b, OffsetField), offset + 2));
        Assert.Equal(GgufProblem.MisalignedTensor, error.Problem);
        Assert.Contains("alignment 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_tensor_stored_out_of_order()
    {
        var file = SampleGguf.Read(SampleGguf.Bytes);
        var offset = file.FindTensor(Tensor)!.Offset;
        var error = Reject(b => SampleGguf.PutInt64(b, At(b, OffsetField), offset + 32));
        Assert.Equal(GgufProblem.MisalignedTensor, error.Problem);
        Assert.Contains($"expects {offset}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_duplicate_tensor_names()
    {
        // A tensor named "outpu_norm.weight" (as long as "token_embd.weight") is renamed in place to the first tensor's name.
        var error = Reject(b => "token_embd.weight"u8.CopyTo(b.AsSpan(SampleGguf.After(b, "outpu_norm.weight") - "token_embd.weight".Length)),
            source: SampleGguf.Build(SampleGguf.Metadata(), [.. SampleGguf.Tensors().Take(3), RenamedNorm()]));
        Assert.Equal(GgufProblem.DuplicateTensorName, error.Problem);
        Assert.Contains("'token_embd.weight'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_dimension_product_that_overflows()
    {
        var error = Reject(b =>
        {
            SampleGguf.PutInt64(b, At(b, FirstDimField), 1L << 32);
            SampleGguf.PutInt64(b, At(b, SecondDimField), 1L << 32);
        });
        Assert.Equal(GgufProblem.DimensionOverflow, error.Problem);
    }

    [Fact]
    public void Rejects_a_negative_dimension()
    {
        var error = Reject(b => SampleGguf.PutInt64(b, At(b, SecondDimField), -3));
        Assert.Equal(GgufProblem.InvalidTensorInfo, error.Problem);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(5u)]
    [InlineData(uint.MaxValue)]
    public void Rejects_a_dimension_count_outside_one_to_four(uint count)
    {
        var error = Reject(b => SampleGguf.PutUInt32(b, At(b, DimsCountField), count));
        Assert.Equal(GgufProblem.InvalidTensorInfo, error.Problem);
    }

    [Fact]
    public void Rejects_a_row_length_that_is_not_whole_blocks()
    {
        var error = Reject(b => SampleGguf.PutInt64(b, At(b, FirstDimField), 33));
        Assert.Equal(GgufProblem.InvalidTensorInfo, error.Problem);
        Assert.Contains("block size 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_tensor_name_longer_than_ggml_allows()
    {
        var error = Reject(b => SampleGguf.PutInt64(b, SampleGguf.After(b, Tensor) - Tensor.Length - 8, 200));
        Assert.True(error.Problem is GgufProblem.AbsurdLength or GgufProblem.InvalidTensorInfo, error.Message);
    }

    private static int At(byte[] bytes, int field) => SampleGguf.After(bytes, Tensor) + field;

    private static GgufFormatException Reject(Action<byte[]> patch, byte[]? source = null) =>
        Assert.Throws<GgufFormatException>(() => SampleGguf.Read(SampleGguf.With(patch, source)));

    private static (Writing.GgufTensorSpec, byte[]) RenamedNorm()
    {
        var (spec, data) = SampleGguf.Tensors()[3];
        return (spec with { Name = "outpu_norm.weight" }, data);
    }
}
