using BenchCluster.Gguf.Format;
using BenchCluster.Gguf.Writing;
using BenchCluster.Testing;

namespace BenchCluster.Gguf.Tests.Validation;

public sealed class GgufValidatorTests
{
    [Fact]
    public void Accepts_the_forged_tiny_model()
    {
        var file = GgufValidator.ValidateForInference(TestModels.TinyModelPath);
        Assert.Equal("qwen2", file.Architecture);
    }

    [Fact]
    public void Accepts_the_sample()
    {
        GgufValidator.Validate(SampleGguf.Read(SampleGguf.Bytes));
    }

    [Fact]
    public void Rejects_an_unsupported_architecture_listing_the_supported_ones()
    {
        var error = Reject(Set("general.architecture", GgufValue.Of("llama-from-the-future")));
        Assert.Equal(GgufProblem.UnsupportedArchitecture, error.Problem);
        Assert.Contains("'llama-from-the-future'", error.Message, StringComparison.Ordinal);
        Assert.Contains("qwen2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_multimodal_projector()
    {
        var error = Reject(Set("general.architecture", GgufValue.Of("clip")));
        Assert.Equal(GgufProblem.UnsupportedArchitecture, error.Problem);
        Assert.Contains("mmproj", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_file_without_architecture()
    {
        var error = Reject(m => m.RemoveAll(e => e.Key == "general.architecture"));
        Assert.Equal(GgufProblem.MissingMetadata, error.Problem);
    }

    [Fact]
    public void Rejects_a_missing_block_count()
    {
        var error = Reject(m => m.RemoveAll(e => e.Key == "llama.block_count"));
        Assert.Equal(GgufProblem.MissingMetadata, error.Problem);
        Assert.Contains("'llama.block_count'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(513u)]
    [InlineData(4_000_000_000u)]
    public void Rejects_a_block_count_llama_cpp_would_abort_on(uint blocks)
    {
        var error = Reject(Set("llama.block_count", GgufValue.Of(blocks)));
        Assert.Equal(GgufProblem.InvalidMetadata, error.Problem);
        Assert.Contains("1..512", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_hyperparameter_of_the_wrong_type()
    {
        var error = Reject(Set("llama.embedding_length", GgufValue.Of("thirty-two")));
        Assert.Equal(GgufProblem.InvalidMetadata, error.Problem);
    }

    [Fact]
    public void Rejects_a_tensor_of_a_block_the_model_does_not_have()
    {
        var tensors = SampleGguf.Tensors();
        tensors.Add((new GgufTensorSpec("blk.7.ffn_norm.weight", GgmlType.F32, [SampleGguf.EmbeddingLength]), new byte[SampleGguf.EmbeddingLength * 4]));
        var error = Assert.Throws<GgufFormatException>(() => GgufValidator.Validate(SampleGguf.Read(SampleGguf.Build(SampleGguf.Metadata(), tensors))));
        Assert.Equal(GgufProblem.InconsistentModel, error.Problem);
        Assert.Contains("block 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_more_key_value_heads_than_heads()
    {
        var error = Reject(Set("llama.attention.head_count_kv", GgufValue.Of(8u)));
        Assert.Equal(GgufProblem.InconsistentModel, error.Problem);
    }

    [Fact]
    public void Rejects_more_experts_used_than_exist()
    {
        var error = Reject(m =>
        {
            m.Add(new GgufMetadataEntry("llama.expert_count", GgufValue.Of(4u)));
            m.Add(new GgufMetadataEntry("llama.expert_used_count", GgufValue.Of(6u)));
        });
        Assert.Equal(GgufProblem.InconsistentModel, error.Problem);
    }

    [Fact]
    public void Rejects_duplicate_tokens_which_abort_llama_cpp()
    {
        var tokens = SampleGguf.Tokens.ToArray();
        tokens[5] = "a";
        var error = Reject(Set("tokenizer.ggml.tokens", GgufValue.OfArray(tokens)));
        Assert.Equal(GgufProblem.InconsistentModel, error.Problem);
        Assert.Contains("token 5 'a' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_token_types_shorter_than_the_token_list()
    {
        var error = Reject(Set("tokenizer.ggml.token_type", GgufValue.OfArray(new[] { 1, 1 })));
        Assert.Equal(GgufProblem.InconsistentModel, error.Problem);
    }

    [Fact]
    public void Rejects_token_types_of_the_wrong_element_type()
    {
        var error = Reject(Set("tokenizer.ggml.token_type", GgufValue.OfArray(new uint[SampleGguf.Tokens.Length])));
        Assert.Equal(GgufProblem.InvalidMetadata, error.Problem);
    }

    [Fact]
    public void Rejects_an_embedding_table_that_does_not_match_the_vocabulary()
    {
        var tokens = SampleGguf.Tokens.Append("extra").ToArray();
        var error = Reject(m =>
        {
            Set("tokenizer.ggml.tokens", GgufValue.OfArray(tokens))(m);
            Set("tokenizer.ggml.token_type", GgufValue.OfArray(new int[tokens.Length]))(m);
            Set("tokenizer.ggml.scores", GgufValue.OfArray(new float[tokens.Length]))(m);
        });
        Assert.Equal(GgufProblem.InconsistentModel, error.Problem);
        Assert.Contains("token_embd.weight", error.Message, StringComparison.Ordinal);
    }

    private static Action<List<GgufMetadataEntry>> Set(string key, GgufValue value) =>
        m => m[m.FindIndex(e => e.Key == key)] = new GgufMetadataEntry(key, value);

    private static GgufFormatException Reject(Action<List<GgufMetadataEntry>> edit)
    {
        var metadata = SampleGguf.Metadata();
        edit(metadata);
        var file = SampleGguf.Read(SampleGguf.Build(metadata, SampleGguf.Tensors()));
        return Assert.Throws<GgufFormatException>(() => GgufValidator.Validate(file));
    }
}
