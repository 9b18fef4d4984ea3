using System.CommandLine;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster db`: the results database (schema migrations).</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var postgres = CommonOptions.Postgres();
        var migrate = new Command("migrate", """
            Apply BenchCluster's SQL migrations (infra/sql, embedded in this binary) that the database has not seen:
            the Orleans clustering tables and queries, the results schema and its views. Safe to run again and from
            several processes at once.
            Example:
              BENCHCLUSTER_POSTGRES="$(infra/postgres.sh url)" benchcluster db migrate
            """)
        {
            postgres,
        };
        migrate.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var connection = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Coordinator);
            await using var database = BenchClusterDatabase.Create(connection.PostgresConnectionString);
            var applied = await database.MigrateAsync(cancellationToken);
            Console.WriteLine(applied.Count == 0 ? "database is up to date" : $"applied: {string.Join(", ", applied.Select(m => m.FileName))}");
            return 0;
        });
        return new Command("db", "The results database.") { migrate };
    }
}
