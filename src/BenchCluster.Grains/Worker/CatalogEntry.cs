using BenchCluster.Contracts.Nodes;

namespace BenchCluster.Grains.Worker;

/// <summary>A model file this worker holds: where it is and what it is.</summary>
public sealed record CatalogEntry(string Path, HeldModel Model);
