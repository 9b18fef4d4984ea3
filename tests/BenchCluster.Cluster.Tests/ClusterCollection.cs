namespace BenchCluster.Cluster.Tests;

/// <summary>Cluster tests run one at a time: each starts several silo processes on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
