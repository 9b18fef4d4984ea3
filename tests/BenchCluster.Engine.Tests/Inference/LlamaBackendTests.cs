using System.Security.Cryptography;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Inference;

[Collection(TinyModelCollection.Name)]
public sealed class LlamaBackendTests(TinyModelFixture model)
{
    [Fact]
    public async Task Model_info_describes_the_file_llama_cpp_loaded()
    {
        var info = model.Backend.Model;
        var file = new FileInfo(TestModels.TinyModelPath);

        Assert.Equal(file.FullName, info.Path);
        Assert.Equal(file.Length, info.FileSizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file.FullName))), info.Sha256);
        Assert.Equal("qwen2", info.Architecture);
        Assert.True(info.ParameterCount > 0);
        Assert.InRange(info.TensorSizeBytes, 1, info.FileSizeBytes);
        Assert.True(info.VocabularySize > 0);
        Assert.True(info.LayerCount > 0);
        Assert.True(info.EmbeddingLength > 0);
        Assert.True(info.ContextLength > 0);
        Assert.Equal("F16", info.QuantizationType);
    }

    [Fact]
    public void A_forged_model_is_marked_synthetic_with_its_preset()
    {
        Assert.True(model.Backend.Model.IsSynthetic);
        Assert.Equal("tiny", model.Backend.Model.SyntheticPreset);
    }

    [Fact]
    public void Build_info_names_the_engine_and_the_cpu_device()
    {
        var build = model.Backend.Build;

        Assert.Equal("llama.cpp", build.Engine);
        Assert.Contains(build.Devices, d => d.StartsWith("CPU", StringComparison.Ordinal));
        Assert.False(build.SupportsGpuOffload);
    }
}
