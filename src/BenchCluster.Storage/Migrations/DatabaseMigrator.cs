using Npgsql;

namespace BenchCluster.Storage.Migrations;

/// <summary>
/// Applies the embedded infra/sql scripts that a database has not seen yet, each in its own transaction together
/// with its row in <c>schema_migrations</c>. Several processes may migrate at once: a session advisory lock lets
/// one work while the others wait, then find nothing left to do.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>Advisory lock id for migrations ("BCMIGRAT" in ASCII); any fixed number unique to this purpose works.</summary>
    private const long AdvisoryLockKey = 0x42434D4947524154;

    private const string CreateHistorySql = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version integer PRIMARY KEY,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL DEFAULT current_user
        )
        """;

    private static readonly Lazy<IReadOnlyList<MigrationScript>> ScriptsLazy = new(EmbeddedMigrations.Load);

    /// <summary>Every script this build knows, ordered by version.</summary>
    public static IReadOnlyList<MigrationScript> Scripts => ScriptsLazy.Value;

    /// <summary>Brings the database up to date; returns the scripts applied by this call (empty when it already was).</summary>
    public static async Task<IReadOnlyList<MigrationScript>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, CreateHistorySql, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            CheckHistory(applied);
            var newlyApplied = new List<MigrationScript>();
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await ApplyAsync(connection, script, cancellationToken);
                newlyApplied.Add(script);
            }
            return newlyApplied;
        }
        finally
        {
            // A broken connection has already dropped the lock with its session.
            if (connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// Checks, without changing anything, that the database has exactly the migrations this build knows: what a role
    /// that may not migrate (reader, worker) does before it relies on the schema.
    /// </summary>
    public static async Task CheckCurrentAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        const string fix = "start this build's coordinator (it migrates on start) or run 'benchcluster db migrate' with the coordinator's connection string";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        Dictionary<int, (string Name, string Checksum)> applied;
        try
        {
            applied = await ReadAppliedAsync(connection, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new InvalidOperationException($"The database has no BenchCluster schema yet; {fix}.", e);
        }
        CheckHistory(applied);
        var missing = Scripts.Where(s => !applied.ContainsKey(s.Version)).Select(s => s.FileName).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"The database lacks migration(s) {string.Join(", ", missing)} that this build needs; {fix}.");
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException(
                $"Migration {script.FileName} failed: {e.MessageText} (SQLSTATE {e.SqlState}); nothing of it was applied. Fix the script in infra/sql and run the migration again.", e);
        }
        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("checksum", script.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        return applied;
    }

    private static void CheckHistory(Dictionary<int, (string Name, string Checksum)> applied)
    {
        var known = Scripts.ToDictionary(s => s.Version);
        foreach (var (version, (name, checksum)) in applied.OrderBy(a => a.Key))
        {
            if (!known.TryGetValue(version, out var script))
                throw new InvalidOperationException(
                    $"The database has migration {version} ({name}) that this build of BenchCluster does not know (it knows up to {Scripts[^1].Version}); run a newer benchcluster against it.");
            if (script.Checksum != checksum)
                throw new InvalidOperationException(
                    $"Migration {script.FileName} was changed after it was applied to this database (checksum {checksum[..12]}… in schema_migrations, {script.Checksum[..12]}… now). Applied migrations are append-only: restore the file and put the change in a new V{Scripts[^1].Version + 1:D3}__<name>.sql.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
