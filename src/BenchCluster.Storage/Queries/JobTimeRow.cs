namespace BenchCluster.Storage.Queries;

/// <summary>The mean duration of a point's succeeded jobs on a node, in the run of its latest result.</summary>
public sealed record JobTimeRow(string PointKey, string NodeName, double SecondsPerJob, int Jobs);
