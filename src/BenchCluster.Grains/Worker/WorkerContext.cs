using BenchCluster.EngineProcess.Parent;

namespace BenchCluster.Grains.Worker;

/// <summary>What every grain on a worker silo shares: the node's name, its models, how to start engines, and the one-job gate.</summary>
public sealed class WorkerContext(string nodeName, ModelCatalog catalog, EngineLaunchOptions engineLaunch, TimeSpan jobTimeout)
{
    public string NodeName { get; } = nodeName;

    public ModelCatalog Catalog { get; } = catalog;

    public EngineLaunchOptions EngineLaunch { get; } = engineLaunch;

    /// <summary>A job running longer than this is declared hung and its engine child is killed.</summary>
    public TimeSpan JobTimeout { get; } = jobTimeout;

    /// <summary>One measured job at a time on this node, whichever model it uses: measurements must not disturb each other.</summary>
    public SemaphoreSlim JobGate { get; } = new(1, 1);
}
