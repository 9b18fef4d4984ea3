using BenchCluster.Hosting.Silos;
using BenchCluster.Hosting.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace BenchCluster.Hosting.Client;

/// <summary>Connects a CLI process to a running cluster through the gateways listed in Postgres, over mutual TLS.</summary>
public static class ClusterClientFactory
{
    /// <summary>Started host whose services hold a connected IClusterClient; dispose it to disconnect.</summary>
    public static async Task<IHost> ConnectAsync(ClusterConnection cluster, ClusterCredentials credentials, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = ClusterConnection.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = ClusterConnection.AdoNetInvariant;
                options.ConnectionString = cluster.PostgresConnectionString;
            });
            client.UseClusterTls(credentials);
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    public static IClusterClient Client(this IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
