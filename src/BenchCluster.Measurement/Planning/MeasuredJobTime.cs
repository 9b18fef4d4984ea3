namespace BenchCluster.Measurement.Planning;

/// <summary>The mean duration of the jobs of a point on a node in its latest stored result.</summary>
public sealed record MeasuredJobTime(string PointId, string NodeName, double SecondsPerJob);
