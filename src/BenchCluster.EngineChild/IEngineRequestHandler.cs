namespace BenchCluster.EngineChild;

/// <summary>What the engine child does with requests; the payloads are JSON owned by the layer that implements this.</summary>
public interface IEngineRequestHandler : IAsyncDisposable
{
    /// <summary>Loads the model described by the payload; returns what was loaded (JSON).</summary>
    Task<string> LoadAsync(string payload, CancellationToken cancellationToken);

    /// <summary>Runs one job; returns its raw measurement (JSON). Cancellation stops it between tokens.</summary>
    Task<string> RunAsync(string payload, CancellationToken cancellationToken);
}
