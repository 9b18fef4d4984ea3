using BenchCluster.Grains.Placement;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace BenchCluster.Hosting.Silos;

/// <summary>What every BenchCluster silo shares: ADO.NET clustering on Postgres, tuned membership, our placement filters, metadata.</summary>
public static class SiloBuilderExtensions
{
    public static ISiloBuilder UseBenchClusterSilo(
        this ISiloBuilder silo, ClusterConnection cluster, SiloEndpoint endpoint, Dictionary<string, string> metadata)
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
        silo.ConfigureEndpoints(endpoint.AdvertisedAddress, endpoint.SiloPort, endpoint.GatewayPort ?? 0, listenOnAnyHostAddress: true);
        silo.Configure<ClusterMembershipOptions>(MembershipTuning.Apply);
        silo.UseSiloMetadata(metadata);
        // The default directory deactivates every grain whose registration lived on a silo that died: a worker's death
        // would take the coordinator's run grains with it. The distributed directory recovers registrations instead.
        silo.AddDistributedGrainDirectory();
        silo.Services.AddBenchClusterPlacement();
        return silo;
    }
}
