namespace BenchCluster.Engine.Inference;

/// <summary>A loaded model that can open sessions. In-process implementation: llama.cpp through our binding.</summary>
public interface IInferenceBackend : IAsyncDisposable
{
    ModelInfo Model { get; }

    /// <summary>Native library version and build (llama_print_system_info, selected CPU variant, devices).</summary>
    EngineBuildInfo Build { get; }

    Task<IInferenceSession> CreateSessionAsync(SessionOptions options, CancellationToken cancellationToken = default);
}
