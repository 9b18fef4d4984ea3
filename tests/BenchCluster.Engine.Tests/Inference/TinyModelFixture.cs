using BenchCluster.Engine.Inference;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Inference;

/// <summary>The forged tiny model loaded once through the real native libraries, shared by every inference test.</summary>
public sealed class TinyModelFixture : IAsyncLifetime
{
    /// <summary>Small enough to keep each test in milliseconds on two cores.</summary>
    public static readonly SessionOptions SmallSession = new() { ContextSize = 256, BatchSize = 64, MicroBatchSize = 64, Threads = 2 };

    private LlamaBackend? _backend;

    public LlamaBackend Backend => _backend ?? throw new InvalidOperationException("fixture not initialized");

    public async Task InitializeAsync() => _backend = await LlamaBackend.LoadAsync(TestModels.TinyModelPath);

    public async Task DisposeAsync()
    {
        if (_backend is not null)
            await _backend.DisposeAsync();
    }

    public async Task<IInferenceSession> OpenAsync(SessionOptions? options = null) =>
        await Backend.CreateSessionAsync(options ?? SmallSession);

    /// <summary>Proves the process and the engine survived a rejected input: a fresh session still generates.</summary>
    public async Task AssertStillServesAsync()
    {
        await using var session = await OpenAsync();
        var trace = await session.GenerateAsync(new GenerationRequest { TokenCount = 3 });
        Assert.Equal(3, trace.Tokens.Count);
    }
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny model";
}
