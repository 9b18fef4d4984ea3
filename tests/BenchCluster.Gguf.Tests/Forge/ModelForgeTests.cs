using System.Security.Cryptography;
using BenchCluster.Gguf.Forge;
using BenchCluster.Gguf.Format;
using BenchCluster.Testing;

namespace BenchCluster.Gguf.Tests.Forge;

public sealed class ModelForgeTests : IDisposable
{
    private static readonly ForgeSpec Tiny = ForgePresets.Get(ForgePresets.Tiny);
    private readonly string _folder = RepositoryPaths.Scratch("gguf-forge");
    private readonly List<string> _outputs = [];

    [Fact]
    public async Task Same_seed_gives_the_same_bytes_and_another_seed_other_weights()
    {
        var first = await ModelForge.ForgeAsync(Tiny with { Seed = 7 }, Output("seed7-a"));
        var second = await ModelForge.ForgeAsync(Tiny with { Seed = 7 }, Output("seed7-b"));
        var other = await ModelForge.ForgeAsync(Tiny with { Seed = 8 }, Output("seed8"));

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(await File.ReadAllBytesAsync(first.Path), await File.ReadAllBytesAsync(second.Path));
        Assert.NotEqual(first.Sha256, other.Sha256);
        Assert.Equal(first.Bytes, other.Bytes);
    }

    [Fact]
    public async Task Result_and_sidecar_carry_the_files_real_digest_and_size()
    {
        var result = await ModelForge.ForgeAsync(Tiny with { Seed = 3 }, Output("digest"));

        await using var stream = File.OpenRead(result.Path);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
        Assert.Equal(actual, result.Sha256);
        Assert.Equal(new FileInfo(result.Path).Length, result.Bytes);
        Assert.Equal(actual, ModelDigestSidecar.TryRead(result.Path));
        Assert.Equal($"{actual} {result.Bytes}\n", await File.ReadAllTextAsync(ModelDigestSidecar.PathFor(result.Path)));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.partial"));
    }

    [Fact]
    public async Task Progress_rises_to_the_file_size()
    {
        var reports = new List<ForgeProgress>();
        var result = await ModelForge.ForgeAsync(Tiny, Output("progress"), new SynchronousProgress(reports.Add));

        Assert.True(reports.Count > 2);
        Assert.Equal(reports.Select(r => r.BytesWritten).Order(), reports.Select(r => r.BytesWritten));
        Assert.Equal(result.Bytes, reports[^1].BytesWritten);
        Assert.All(reports, r => Assert.Equal(result.Bytes, r.TotalBytes));
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public async Task Cancellation_leaves_no_file_behind()
    {
        using var cancellation = new CancellationTokenSource();
        var path = Output("cancelled");
        var progress = new SynchronousProgress(p =>
        {
            if (p.TensorIndex > 0)
                cancellation.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelForge.ForgeAsync(Tiny, path, progress, cancellation.Token));

        Assert.False(File.Exists(path));
        Assert.Empty(Directory.EnumerateFiles(_folder, "cancelled*"));
    }

    [Fact]
    public async Task Forged_file_is_marked_synthetic_and_passes_validation()
    {
        var result = await ModelForge.ForgeAsync(Tiny with { Seed = 42, WeightType = ForgeWeightType.Q8_0 }, Output("marked"));
        var file = GgufValidator.ValidateForInference(result.Path);

        Assert.True(file.IsSynthetic);
        Assert.Equal("tiny", file.SyntheticPreset);
        Assert.Equal(42L, file.GetInteger(SyntheticMarker.SeedKey));
        Assert.Equal("synthetic tiny", file.Name);
        Assert.Equal("Q8_0", file.FileTypeName);
        Assert.Equal(ModelForge.ForgeVersion, file.GetInteger(SyntheticMarker.ForgeVersionKey));
    }

    [Fact]
    public async Task A_vocabulary_larger_than_the_tokenizer_is_padded_with_unused_tokens()
    {
        var result = await ModelForge.ForgeAsync(Tiny with { VocabSize = 152_064 }, Output("padded"));
        var file = GgufValidator.ValidateForInference(result.Path);

        var tokens = file.Find("tokenizer.ggml.tokens")!.AsStringArray()!;
        Assert.Equal(152_064, tokens.Count);
        Assert.Equal("[PAD151936]", tokens[151_936]);
        Assert.Equal(5, ((int[])file.Find("tokenizer.ggml.token_type")!.Raw)[^1]);
        Assert.Equal([64L, 152_064L], file.FindTensor("token_embd.weight")!.Dimensions);
    }

    [Fact]
    public async Task A_vocabulary_smaller_than_the_tokenizer_is_refused_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<ForgeSpecException>(() => ModelForge.ForgeAsync(Tiny with { VocabSize = 1000 }, Output("small-vocab")));
        Assert.Equal(nameof(ForgeSpec.VocabSize), error.Field);
        Assert.Contains("151936", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_vocabulary_names_the_file_and_the_install_script()
    {
        var error = await Assert.ThrowsAsync<ForgeSpecException>(() => ModelForge.ForgeAsync(Tiny with { Tokenizer = "klingon" }, Output("klingon")));
        Assert.Contains("ggml-vocab-klingon.gguf", error.Message, StringComparison.Ordinal);
        Assert.Contains("infra/install-native.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_as_output_is_refused_with_a_file_name_suggestion()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ModelForge.ForgeAsync(Tiny, _folder));
        Assert.Contains("synthetic-tiny-f16-s0.gguf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_llama_shape_forges_with_the_llama_tokenizer()
    {
        var spec = ForgePresets.Get("llama-3.2-1b") with
        {
            Preset = "custom", EmbeddingLength = 128, FeedForwardLength = 256, BlockCount = 2, HeadCount = 4, HeadCountKv = 2,
            WeightType = ForgeWeightType.Q4_0,
        };
        var file = GgufValidator.ValidateForInference((await ModelForge.ForgeAsync(spec, Output("custom-llama"))).Path);

        Assert.Equal("llama", file.Architecture);
        Assert.Equal(128_256, file.Find("tokenizer.ggml.tokens")!.ArrayLength);
        Assert.Equal(16, file.FindTensor("rope_freqs.weight")!.ElementCount);
        Assert.Equal(GgmlType.Q4_0, file.FindTensor("blk.1.ffn_up.weight")!.Type);
    }

    // Each test's files are its own (names differ), so tests running in parallel never delete each other's.
    private string Output(string name)
    {
        var path = Path.Combine(_folder, $"{name}.gguf");
        _outputs.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var path in _outputs)
        {
            File.Delete(path);
            File.Delete(ModelDigestSidecar.PathFor(path));
        }
    }

    /// <summary>Reports on the forging thread, so a test sees every report before the forge returns.</summary>
    private sealed class SynchronousProgress(Action<ForgeProgress> report) : IProgress<ForgeProgress>
    {
        public void Report(ForgeProgress value) => report(value);
    }
}
