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
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Started host whose services hold a connected IClusterClient; dispose it to disconnect. Throws
    /// <see cref="ClusterRefusedException"/> when the gateway keeps refusing the TLS connection.
    /// </summary>
    public static async Task<IHost> ConnectAsync(ClusterConnection cluster, ClusterCredentials credentials, CancellationToken cancellationToken)
    {
        var refusals = new GatewayRefusals();
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
            client.UseClusterTls(credentials, refusals);
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        try
        {
            var start = host.StartAsync(cancellationToken);
            if (await Task.WhenAny(start, refusals.Refused) != start)
            {
                await StopQuietlyAsync(host);
                throw new ClusterRefusedException(await refusals.Refused);
            }
            await start;
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    /// <summary>Stopping ends Orleans' endless retries; the abandoned start then completes on its own.</summary>
    private static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            await host.StopAsync(CancellationToken.None).WaitAsync(StopTimeout, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // the client never connected; nothing is left to say goodbye to
        }
    }

    public static IClusterClient Client(this IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
