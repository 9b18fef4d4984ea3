using BenchCluster.Contracts.Nodes;

namespace BenchCluster.Contracts.Grains;

/// <summary>What the cluster holds right now: live worker nodes and their capabilities (from silo metadata).</summary>
public interface IClusterDirectoryGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<WorkerNode>> GetWorkersAsync();
}
