using BenchCluster.Hosting.Silos;
using BenchCluster.Storage;

namespace BenchCluster.Cli.Commands;

/// <summary>The results database for a CLI command, brought up to this binary's schema first (a no-op when it is).</summary>
internal static class CliDatabase
{
    public static async Task<BenchClusterDatabase> OpenAsync(ClusterConnection cluster, CancellationToken cancellationToken)
    {
        var database = BenchClusterDatabase.Create(cluster.PostgresConnectionString);
        try
        {
            await database.MigrateAsync(cancellationToken);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}
