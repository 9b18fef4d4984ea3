using BenchCluster.Gguf.Format;
using BenchCluster.Testing;

namespace BenchCluster.Gguf.Tests.Forge;

public sealed class TinyModelTests
{
    [Fact]
    public void Tiny_model_reads_back_as_synthetic_qwen2_with_the_full_tokenizer()
    {
        var file = GgufReader.Read(TestModels.TinyModelPath);

        Assert.Equal("qwen2", file.Architecture);
        Assert.True(file.IsSynthetic);
        Assert.Equal("tiny", file.SyntheticPreset);
        Assert.Equal("F16", file.FileTypeName);
        Assert.Equal(151_936, file.Find("tokenizer.ggml.tokens")!.ArrayLength);
        var embedding = file.FindTensor("token_embd.weight")!;
        Assert.Equal(GgmlType.F16, embedding.Type);
        Assert.Equal([64L, 151_936L], embedding.Dimensions);
        Assert.Equal(GgmlType.F32, file.FindTensor("blk.1.attn_norm.weight")!.Type);
        Assert.Equal(file.FileSize, new FileInfo(TestModels.TinyModelPath).Length);
    }
}
