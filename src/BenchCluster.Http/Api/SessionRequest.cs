namespace BenchCluster.Http.Api;

/// <summary>The body of POST /api/session.</summary>
public sealed record SessionRequest(string? Token);
