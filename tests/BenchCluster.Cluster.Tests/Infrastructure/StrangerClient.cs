using BenchCluster.Hosting.Silos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>
/// An Orleans client as someone without the cluster certificate would build it: same membership table, same cluster
/// id, but plain TCP or TLS without a client certificate. What it gets back is what an outsider gets.
/// </summary>
internal static class StrangerClient
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public enum Kind
    {
        /// <summary>No TLS at all: the client of an older BenchCluster, or anyone speaking Orleans' plain protocol.</summary>
        PlainTcp,

        /// <summary>TLS that accepts any server but shows no certificate of its own.</summary>
        TlsWithoutCertificate,
    }

    /// <summary>Tries to connect; returns the exception that ended the attempt (null if it connected).</summary>
    public static async Task<Exception?> TryConnectAsync(ClusterConnection cluster, Kind kind, TimeSpan limit)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
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
            if (kind == Kind.TlsWithoutCertificate)
            {
                client.UseTls(options =>
                {
                    options.ClientCertificateMode = RemoteCertificateMode.NoCertificate;
                    options.AllowAnyRemoteCertificate();
                });
            }
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await host.StartAsync(timeout.Token);
            await host.StopAsync(CancellationToken.None);
            return null;
        }
        catch (Exception e)
        {
            // Ends the client's endless retries so they do not run on into the next test.
            await Record.ExceptionAsync(() => host.StopAsync(new CancellationTokenSource(StopTimeout).Token));
            return e;
        }
    }
}
