using BenchCluster.Hosting.Silos;
using BenchCluster.Storage;

namespace BenchCluster.Cli.Commands;

/// <summary>
/// The results database for a read command. It only checks that the schema is this binary's: read commands run with
/// the reader's login, which may not migrate (the coordinator does).
/// </summary>
internal static class CliDatabase
{
    public static async Task<BenchClusterDatabase> OpenAsync(ClusterConnection cluster, CancellationToken cancellationToken)
    {
        var database = BenchClusterDatabase.Create(cluster.PostgresConnectionString);
        try
        {
            await database.CheckSchemaAsync(cancellationToken);
            return database;
        }
        catch (InvalidOperationException e)
        {
            await database.DisposeAsync();
            throw new UserFacingException(e.Message);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}
