using BenchCluster.Remote;

namespace BenchCluster.Grains.Worker;

/// <summary>What every grain on a worker silo shares: the node's name, its models, its engines, and the job gate.</summary>
public sealed class WorkerContext(string nodeName, ModelCatalog catalog, IModelEngineFactory engines, TimeSpan jobTimeout, int jobsAtOnce = 1)
{
    public string NodeName { get; } = nodeName;

    public ModelCatalog Catalog { get; } = catalog;

    public IModelEngineFactory Engines { get; } = engines;

    /// <summary>A job running longer than this is declared hung and its engine child is killed.</summary>
    public TimeSpan JobTimeout { get; } = jobTimeout;

    /// <summary>
    /// Jobs this node runs at once, whichever model they use: 1 by default, since measurements must not disturb
    /// each other; more only for a no-op engine measuring the cluster's own overhead.
    /// </summary>
    public SemaphoreSlim JobGate { get; } = new(jobsAtOnce, jobsAtOnce);

    /// <summary>
    /// Where quality jobs keep reference log-probabilities (docs/quality.md): by default a hidden folder in the first
    /// model folder, beside the models' digest sidecars, so it lives as long as the files it was computed from.
    /// </summary>
    public string QualityCacheFolder { get; init; } = Path.Combine(Path.GetTempPath(), "benchcluster-quality-cache");

    /// <summary>The environment variables this node's operator allows endpoint suites to send as API keys (worker --api-key-env).</summary>
    public ApiKeyVariables ApiKeyVariables { get; init; } = ApiKeyVariables.None;
}
