namespace BenchCluster.Remote.Tests;

/// <summary>
/// Tests that measure the process's allocations around one request run alone: tests running beside them would
/// count their own allocations in.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuredCollection
{
    public const string Name = "allocation measured";
}
