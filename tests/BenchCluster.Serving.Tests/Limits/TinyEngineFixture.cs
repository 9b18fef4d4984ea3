using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.Testing;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>The forged tiny model behind the continuous-batching backend, as `benchcluster serve` runs it, with small slots.</summary>
public sealed class TinyEngineFixture : IAsyncLifetime
{
    public const int Slots = 2;
    public const int ContextPerSlot = 256;

    private LlamaBackend? _model;
    private ContinuousBatchingBackend? _engine;

    public ContinuousBatchingBackend Engine => _engine ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _model = await LlamaBackend.LoadAsync(TestModels.TinyModelPath);
        var session = new SessionOptions { ContextSize = Slots * ContextPerSlot, Threads = 1 };
        _engine = await ContinuousBatchingBackend.CreateAsync(_model, new ContinuousBatchingOptions { Slots = Slots, Session = session, MaxQueuedRequests = 4 });
    }

    /// <summary>A server over the engine configured as `serve` configures it (<see cref="OpenAiServerOptions.ForBackend"/>).</summary>
    internal Task<ServedEndpoint> ServeAsync(Func<OpenAiServerOptions, OpenAiServerOptions>? configure = null) =>
        ServedEndpoint.StartAsync(Engine, options =>
        {
            var served = options.ForBackend(Engine.Slots, Engine.ContextPerSlot, maxQueue: 4);
            return configure?.Invoke(served) ?? served;
        });

    public async Task DisposeAsync()
    {
        if (_engine is not null)
            await _engine.DisposeAsync();
        if (_model is not null)
            await _model.DisposeAsync();
    }
}
