namespace BenchCluster.Http.Api;

public sealed record HealthInfo(string Status, string Version);
