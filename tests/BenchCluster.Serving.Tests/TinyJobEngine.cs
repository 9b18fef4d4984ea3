using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Testing;

namespace BenchCluster.Serving.Tests;

/// <summary>
/// The forged tiny model and the continuous-batching engine the engine child would open for a job, on one thread
/// (a busy CI machine stalls a second one at ggml's barrier). Disposing frees both.
/// </summary>
internal sealed class TinyJobEngine : IAsyncDisposable
{
    private TinyJobEngine(LlamaBackend model, ContinuousBatchingBackend engine)
    {
        Model = model;
        Engine = engine;
    }

    public LlamaBackend Model { get; }

    public ContinuousBatchingBackend Engine { get; }

    public static async Task<TinyJobEngine> StartAsync(JobSpec job)
    {
        var model = await LlamaBackend.LoadAsync(TestModels.TinyModelPath);
        try
        {
            return new TinyJobEngine(model, await CreateEngineAsync(model, job));
        }
        catch
        {
            await model.DisposeAsync();
            throw;
        }
    }

    /// <summary>An engine for <paramref name="job"/> over an already loaded <paramref name="model"/>.</summary>
    public static Task<ContinuousBatchingBackend> CreateEngineAsync(LlamaBackend model, JobSpec job) =>
        ContinuousBatchingBackend.CreateAsync(model, new ContinuousBatchingOptions
        {
            Slots = EngineSettings.Sequences(job),
            Session = EngineSettings.SessionOptions(job) with { Threads = 1 },
        });

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Model.DisposeAsync();
    }
}
