namespace BenchCluster.Measurement.Planning;

/// <summary>A point placed on a node by the planner, with how many jobs (repetitions) it runs there.</summary>
public sealed record PlacedPoint(string PointId, string NodeName, string DeviceKind, int Jobs);
