namespace BenchCluster.Hosting.Client;

/// <summary>The gateway refused this client's connections (a certificate the cluster does not trust, or the other way round).</summary>
public sealed class ClusterRefusedException(string reason)
    : Exception($"the cluster refused this client's connections {GatewayRefusals.Limit} times; last: {reason}");
