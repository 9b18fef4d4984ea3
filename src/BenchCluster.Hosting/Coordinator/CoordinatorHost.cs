using BenchCluster.Grains.Coordinator;
using BenchCluster.Grains.Placement;
using BenchCluster.Hosting.Restart;
using BenchCluster.Hosting.Silos;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BenchCluster.Hosting.Coordinator;

/// <summary>The coordinator silo: hosts the suite grains and the client gateway, migrates the schema on start, resumes unfinished runs.</summary>
public static class CoordinatorHost
{
    public static async Task<IHost> BuildAsync(CoordinatorOptions options, CancellationToken cancellationToken)
    {
        var database = BenchClusterDatabase.Create(options.Cluster.PostgresConnectionString);
        await database.MigrateAsync(cancellationToken);

        var builder = Host.CreateApplicationBuilder();
        SiloLogging.Configure(builder.Logging);
        var endpoint = new SiloEndpoint(
            options.AdvertisedAddress ?? SiloEndpoint.DetectAddress(),
            options.SiloPort == 0 ? SiloEndpoint.FreePort() : options.SiloPort,
            options.GatewayPort == 0 ? SiloEndpoint.FreePort() : options.GatewayPort);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(new CoordinatorContext(database, new SuiteParser()) { JobsPerNode = options.JobsPerNode, MaxJobs = options.MaxJobs });
        builder.Services.AddHostedService<RunResumer>();
        var metadata = new Dictionary<string, string> { [SiloMetadataKeys.Role] = SiloMetadataKeys.CoordinatorRole };
        builder.UseOrleans(silo => silo.UseBenchClusterSilo(options.Cluster, options.Credentials, endpoint, metadata));
        // After UseOrleans, so these start once the silo has (hosted services start in registration order).
        options.AddServices?.Invoke(builder.Services);
        SiloRestartSignal.Register(builder.Services);
        return builder.Build();
    }
}
