using System.Net;
using BenchCluster.Hosting.Silos;
using BenchCluster.Hosting.Tls;
using Microsoft.Extensions.DependencyInjection;

namespace BenchCluster.Hosting.Coordinator;

/// <summary>Everything a coordinator silo is started with.</summary>
public sealed record CoordinatorOptions
{
    public required ClusterConnection Cluster { get; init; }
    /// <summary>This silo's node certificate and the cluster CA (mutual TLS on every connection).</summary>
    public required ClusterCredentials Credentials { get; init; }
    public IPAddress? AdvertisedAddress { get; init; }
    /// <summary>Silo-to-silo port; 0 = pick a free one.</summary>
    public int SiloPort { get; init; }
    /// <summary>Port clients (the CLI) connect to; 0 = pick a free one.</summary>
    public int GatewayPort { get; init; }
    /// <summary>Jobs dispatched to one node at once; 1 keeps measurements from disturbing each other.</summary>
    public int JobsPerNode { get; init; } = 1;
    /// <summary>Most jobs one suite may expand to; a suite above it is refused at submit with its count.</summary>
    public long MaxJobs { get; init; } = Measurement.Matrix.MatrixLimits.DefaultMaxJobs;
    /// <summary>Adds services that run inside the coordinator's process once the silo is up (the HTTP API).</summary>
    public Action<IServiceCollection>? AddServices { get; init; }
}
