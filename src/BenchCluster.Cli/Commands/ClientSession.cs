using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Silos;
using BenchCluster.Hosting.Tls;
using Microsoft.Extensions.Hosting;

namespace BenchCluster.Cli.Commands;

/// <summary>A CLI command's connection to a running cluster.</summary>
internal static class ClientSession
{
    public static async Task<IHost> ConnectAsync(ClusterConnection cluster, ClusterCredentials credentials, CancellationToken cancellationToken)
    {
        try
        {
            return await ClusterClientFactory.ConnectAsync(cluster, credentials, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not Npgsql.NpgsqlException)
        {
            throw new UserFacingException(
                $"cannot reach a coordinator of cluster '{cluster.ClusterId}' ({e.Message}); is 'benchcluster coordinator' running with the same --postgres and --cluster-id, " +
                $"and was certificate '{credentials.Certificate.Subject}' issued by the CA the cluster trusts ('{credentials.Authority.Subject}')? The coordinator's log names a refused certificate.");
        }
    }

    public static Guid ParseRunId(string text) => Guid.TryParse(text, out var id)
        ? id
        : throw new UserFacingException($"'{text}' is not a run id (a GUID as printed by 'benchcluster submit' or 'benchcluster status')");
}
