namespace BenchCluster.Storage.Queries;

/// <summary>One gap between consecutive output events of a measured request: one inter-token latency.</summary>
public sealed record InterTokenGapRow(string PointKey, string? NodeName, double GapMs);
