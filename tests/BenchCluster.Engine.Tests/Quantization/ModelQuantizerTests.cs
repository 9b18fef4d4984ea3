using System.Diagnostics;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Quantization;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Format;
using BenchCluster.Gguf.Forge;
using BenchCluster.Gguf.Siblings;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Engine.Tests.Quantization;

/// <summary>Siblings through llama_model_quantize: the requested tensor types, the parent's marker and SHA-256, progress, refusals.</summary>
public sealed class ModelQuantizerTests
{
    private static string Scratch(string name) => RepositoryPaths.Scratch(Path.Combine(nameof(ModelQuantizerTests), name));

    private static QuantizationType Type(string name) => QuantizationTypes.TryParse(name, out var type) ? type : throw new ArgumentException(name);

    [Fact]
    public async Task Q8_0_sibling_has_q8_0_weights_and_carries_the_parent_marker_and_sha()
    {
        var parent = TestModels.TinyModelPath;
        var output = Path.Combine(Scratch("q8"), "tiny-q8_0.gguf");
        var reports = new List<QuantizationProgress>();

        var result = await ModelQuantizer.QuantizeAsync(parent, output, Type("q8_0"), new SynchronousProgress<QuantizationProgress>(reports.Add), threads: 2);

        var file = GgufReader.Read(output);
        Assert.Equal(GgmlType.Q8_0, file.FindTensor("blk.0.attn_q.weight")!.Type);
        Assert.Equal(GgmlType.F32, file.FindTensor("blk.0.attn_norm.weight")!.Type);
        Assert.Equal(LlamaFileType.MostlyQ8_0, file.FileType);
        Assert.True(file.IsSynthetic);
        Assert.Equal(ForgePresets.Tiny, file.SyntheticPreset);
        Assert.Equal("q8_0", file.GetString(SyntheticMarker.WeightTypeKey));
        var parentSha = await ModelFileDigest.GetSha256Async(parent);
        Assert.Equal(new SiblingOrigin(parentSha, "q8_0"), SiblingMarker.Read(file));
        Assert.Equal(result.Origin, SiblingMarker.Read(file));
        Assert.Equal(await ModelFileDigest.GetSha256Async(output), result.Sha256);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.partial-*"));
        Assert.Equal(file.Tensors.Count, reports[^1].TensorCount);
        Assert.Equal(reports[^1].TensorCount, reports[^1].TensorsDone);
        Assert.Equal(Enumerable.Range(1, file.Tensors.Count), reports.Select(r => r.TensorsDone));

        await using var model = await LlamaBackend.LoadAsync(output);
        Assert.Equal(result.Sha256, model.Model.Sha256);
    }

    [Fact]
    public async Task Q4_k_m_of_256_wide_rows_mixes_q4_k_and_q6_k_as_llama_quantize_does()
    {
        var folder = Scratch("q4km");
        var parent = Path.Combine(folder, "wide-f16.gguf");
        var spec = ForgePresets.Get(ForgePresets.Tiny) with { Preset = "custom", EmbeddingLength = 256, FeedForwardLength = 512, BlockCount = 1 };
        if (!File.Exists(parent))
            await ModelForge.ForgeAsync(spec.Validate(), parent);

        await ModelQuantizer.QuantizeAsync(parent, Path.Combine(folder, "wide-q4_k_m.gguf"), Type("q4_k_m"), threads: 2);

        var file = GgufReader.Read(Path.Combine(folder, "wide-q4_k_m.gguf"));
        Assert.Equal(GgmlType.Q4_K, file.FindTensor("blk.0.attn_q.weight")!.Type);
        Assert.Contains(file.Tensors, tensor => tensor.Type == GgmlType.Q6_K);
        Assert.Equal(LlamaFileType.MostlyQ4_K_M, file.FileType);
    }

    [Fact]
    public async Task Quantized_or_missing_sources_are_refused_before_llama_cpp_runs()
    {
        var folder = Scratch("refused");
        var quantized = TestModels.Get(ForgePresets.Tiny, "q4_0");
        var missing = Path.Combine(folder, "absent.gguf");
        var garbage = Path.Combine(folder, "garbage.gguf");
        await File.WriteAllTextAsync(garbage, "not a model");
        var stopwatch = Stopwatch.StartNew();

        var requantize = await Assert.ThrowsAsync<QuantizationException>(() => ModelQuantizer.QuantizeAsync(quantized, Path.Combine(folder, "x.gguf"), Type("q8_0")));
        var absent = await Assert.ThrowsAsync<QuantizationException>(() => ModelQuantizer.QuantizeAsync(missing, Path.Combine(folder, "y.gguf"), Type("q8_0")));
        var notGguf = await Assert.ThrowsAsync<QuantizationException>(() => ModelQuantizer.QuantizeAsync(garbage, Path.Combine(folder, "z.gguf"), Type("q8_0")));
        var elapsed = stopwatch.Elapsed;

        Assert.Contains(quantized, requantize.Message, StringComparison.Ordinal);
        Assert.Contains("already quantized", requantize.Message, StringComparison.Ordinal);
        Assert.Contains("F16", requantize.Message, StringComparison.Ordinal);
        Assert.Contains(missing, absent.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", absent.Message, StringComparison.Ordinal);
        Assert.Contains(garbage, notGguf.Message, StringComparison.Ordinal);
        Assert.Contains("GGUF", notGguf.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "x.gguf")));
        ReliabilityLog.BadInput(new BadInputRecord("forge --from", "quantized (q4_0), missing and non-GGUF source models", 3,
            $"error naming the file and the F32/F16/BF16 requirement in {elapsed.TotalMilliseconds:0} ms, no output file", nameof(Quantized_or_missing_sources_are_refused_before_llama_cpp_runs)));
    }

    [Theory]
    [InlineData("Q4_K_M", "q4_k_m", 15)]
    [InlineData("q8-0", "q8_0", 7)]
    [InlineData("bf16", "bf16", 32)]
    public void Type_names_parse_to_llama_ftype_numbers(string text, string name, int fileType)
    {
        Assert.True(QuantizationTypes.TryParse(text, out var type));
        Assert.Equal(new QuantizationType(name, fileType), type);
    }

    [Fact]
    public void Unknown_and_importance_matrix_types_are_not_offered()
    {
        Assert.False(QuantizationTypes.TryParse("q9_9", out _));
        Assert.False(QuantizationTypes.TryParse("iq2_xxs", out _));
        Assert.Contains("q4_k_m", QuantizationTypes.AllowedNames, StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
