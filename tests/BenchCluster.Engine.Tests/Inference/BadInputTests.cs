using BenchCluster.Engine.Inference;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Format;
using BenchCluster.Gguf.Writing;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Inference;

/// <summary>Each bad input gets an <see cref="InferenceException"/> naming the input and the fix, and the engine keeps serving.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class BadInputTests(TinyModelFixture model)
{
    private static string Scratch(string name) => RepositoryPaths.Scratch(Path.Combine(nameof(BadInputTests), name));

    private static async Task<InferenceException> LoadFails(string path, ModelLoadOptions? options = null) =>
        await Assert.ThrowsAsync<InferenceException>(() => LlamaBackend.LoadAsync(path, options));

    [Fact]
    public async Task Missing_model_file()
    {
        var path = Path.Combine(Scratch("missing"), "no-such-model.gguf");

        var error = await LoadFails(path);

        Assert.Equal(InferenceErrorKind.InvalidModelFile, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        await model.AssertStillServesAsync();
    }

    [Fact]
    public async Task Directory_instead_of_a_file()
    {
        var folder = Scratch("directory");

        var error = await LoadFails(folder);

        Assert.Equal(InferenceErrorKind.InvalidModelFile, error.Kind);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        await model.AssertStillServesAsync();
    }

    [Fact]
    public async Task File_that_is_not_gguf()
    {
        var path = Path.Combine(Scratch("not-gguf"), "notes.gguf");
        await File.WriteAllTextAsync(path, "these are not the weights you are looking for\n");

        var error = await LoadFails(path);

        Assert.Equal(InferenceErrorKind.InvalidModelFile, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        await model.AssertStillServesAsync();
    }

    [Fact]
    public async Task Gguf_truncated_inside_its_header()
    {
        const int headerBytesKept = 4096; // the tiny model's metadata (a whole tokenizer) runs far past this
        var path = await TinyModelPrefix("truncated", headerBytesKept);

        await RejectedAsInvalidModelFile(path);
    }

    [Fact]
    public async Task Gguf_whose_tensors_point_past_the_end_of_the_file()
    {
        // Keep the whole header and the first tensor's first bytes: every tensor's data now ends beyond the file.
        var header = GgufReader.Read(TestModels.TinyModelPath);
        var path = await TinyModelPrefix("past-end", header.DataOffset + 64);

        await RejectedAsInvalidModelFile(path);
    }

    /// <summary>A copy of the tiny model's first <paramref name="bytes"/> bytes.</summary>
    private static async Task<string> TinyModelPrefix(string name, long bytes)
    {
        var path = Path.Combine(Scratch(name), "tiny-prefix.gguf");
        await using var source = File.OpenRead(TestModels.TinyModelPath);
        await using var target = File.Create(path);
        var buffer = new byte[bytes];
        await source.ReadExactlyAsync(buffer);
        await target.WriteAsync(buffer);
        return path;
    }

    private async Task RejectedAsInvalidModelFile(string path)
    {
        var error = await LoadFails(path);

        Assert.Equal(InferenceErrorKind.InvalidModelFile, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        await model.AssertStillServesAsync();
    }

    [Fact]
    public async Task Architecture_the_libraries_do_not_know()
    {
        var path = Path.Combine(Scratch("unknown-architecture"), "nosucharch.gguf");
        var tiny = GgufReader.Read(TestModels.TinyModelPath);
        var metadata = tiny.Metadata
            .Select(e => e.Key == GgufConstants.ArchitectureKey ? new GgufMetadataEntry(e.Key, GgufValue.Of("nosucharch")) : e)
            .ToList();
        var tensor = new GgufTensorSpec("token_embd.weight", GgmlType.F32, [64, 4]);
        await using (var target = File.Create(path))
            await GgufWriter.WriteAllAsync(target, metadata, [(tensor, new byte[tensor.ByteSize])]);

        var error = await LoadFails(path);

        Assert.Equal(InferenceErrorKind.Unsupported, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("nosucharch", error.Message, StringComparison.Ordinal);
        await model.AssertStillServesAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task Gpu_layers_on_a_cpu_only_build(int gpuLayers)
    {
        var error = await LoadFails(TestModels.TinyModelPath, new ModelLoadOptions { GpuLayers = gpuLayers });

        Assert.Equal(InferenceErrorKind.Unsupported, error.Kind);
        Assert.Contains("CPU-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("infra/install-native.sh --gpu", error.Message, StringComparison.Ordinal);
        Assert.Contains("gpu_layers: 0", error.Message, StringComparison.Ordinal);
        await model.AssertStillServesAsync();
    }

    [Fact]
    public async Task Prompt_longer_than_the_context()
    {
        await using var session = await model.OpenAsync(TinyModelFixture.SmallSession with { ContextSize = 256 });
        var room = Assert.IsType<LlamaSession>(session).ContextPerSequence;
        var prompt = Enumerable.Range(100, room + 10).ToArray();

        var error = await Assert.ThrowsAsync<InferenceException>(
            () => session.GenerateAsync(new GenerationRequest { PromptTokens = prompt, TokenCount = 4 }));

        Assert.Equal(InferenceErrorKind.ContextFull, error.Kind);
        Assert.Contains($"{room + 10} prompt tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains($"room for {room}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ContextSize", error.Message, StringComparison.Ordinal);
        var stillFine = await session.GenerateAsync(new GenerationRequest { TokenCount = 4 });
        Assert.Equal(4, stillFine.Tokens.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task Zero_or_negative_threads(int threads)
    {
        var error = await Assert.ThrowsAsync<InferenceException>(
            () => model.Backend.CreateSessionAsync(TinyModelFixture.SmallSession with { Threads = threads }));

        Assert.Equal(InferenceErrorKind.InvalidArgument, error.Kind);
        Assert.Contains($"SessionOptions.Threads is {threads}", error.Message, StringComparison.Ordinal);
        await model.AssertStillServesAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Zero_or_negative_token_counts(int tokens)
    {
        await using var session = await model.OpenAsync(TinyModelFixture.SmallSession with { MaxSequences = 2 });

        var single = await Assert.ThrowsAsync<InferenceException>(() => session.GenerateAsync(new GenerationRequest { TokenCount = tokens }));
        var batched = await Assert.ThrowsAsync<InferenceException>(
            () => session.GenerateBatchedAsync(new BatchedGenerationRequest { Prompts = [[1], [2]], TokenCount = tokens }));

        Assert.Contains($"GenerationRequest.TokenCount is {tokens}", single.Message, StringComparison.Ordinal);
        Assert.Contains($"BatchedGenerationRequest.TokenCount is {tokens}", batched.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await session.GenerateAsync(new GenerationRequest { TokenCount = 4 })).Tokens.Count);
    }

    [Fact]
    public async Task Token_ids_outside_the_vocabulary()
    {
        await using var session = await model.OpenAsync();
        var vocabulary = model.Backend.Model.VocabularySize;

        var error = await Assert.ThrowsAsync<InferenceException>(() => session.ProcessPromptAsync([1, vocabulary, 2]));

        Assert.Equal(InferenceErrorKind.InvalidArgument, error.Kind);
        Assert.Contains($"Token 1 of the prompt is {vocabulary}", error.Message, StringComparison.Ordinal);
        await model.AssertStillServesAsync();
    }
}
