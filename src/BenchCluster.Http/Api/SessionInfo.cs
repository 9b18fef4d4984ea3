namespace BenchCluster.Http.Api;

/// <summary>Who a session or token stands for.</summary>
public sealed record SessionInfo(string Name);
