using BenchCluster.Grains.Placement;
using BenchCluster.Hosting.Tls;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace BenchCluster.Hosting.Silos;

/// <summary>What every BenchCluster silo shares: ADO.NET clustering on Postgres, mutual TLS with the cluster certificate, tuned membership, our placement filters, metadata.</summary>
public static class SiloBuilderExtensions
{
    public static ISiloBuilder UseBenchClusterSilo(
        this ISiloBuilder silo, ClusterConnection cluster, ClusterCredentials credentials, SiloEndpoint endpoint, Dictionary<string, string> metadata)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = ClusterConnection.ServiceId;
        });
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterConnection.AdoNetInvariant;
            options.ConnectionString = cluster.PostgresConnectionString;
        });
        // Listen on the advertised address only: loopback in local mode, the given interface in a cluster.
        silo.ConfigureEndpoints(endpoint.AdvertisedAddress, endpoint.SiloPort, endpoint.GatewayPort ?? 0, listenOnAnyHostAddress: false);
        silo.UseClusterTls(credentials);
        silo.Configure<ClusterMembershipOptions>(MembershipTuning.Apply);
        silo.UseSiloMetadata(metadata);
        // The default directory deactivates every grain whose registration lived on a silo that died: a worker's death
        // would take the coordinator's run grains with it. The distributed directory recovers registrations instead.
        silo.AddDistributedGrainDirectory();
        silo.Services.AddBenchClusterPlacement();
        return silo;
    }
}
