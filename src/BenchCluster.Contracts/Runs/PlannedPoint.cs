namespace BenchCluster.Contracts.Runs;

/// <summary>A point the planner placed on a node, with its jobs there (one per repetition).</summary>
[GenerateSerializer, Immutable]
public sealed record PlannedPoint(
    [property: Id(0)] string PointId,
    [property: Id(1)] string NodeName,
    [property: Id(2)] string DeviceKind,
    [property: Id(3)] int Jobs);
