using BenchCluster.Storage;
using Npgsql;

namespace BenchCluster.IngestBench;

/// <summary>A scratch database on the given server, created migrated and dropped afterwards, so runs never mix.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string Name = "bc_ingest_bench";

    private readonly string serverConnectionString;

    private BenchDatabase(string serverConnectionString, BenchClusterDatabase database)
    {
        this.serverConnectionString = serverConnectionString;
        Database = database;
    }

    public BenchClusterDatabase Database { get; }

    public static async Task<BenchDatabase> CreateAsync(string serverConnectionString)
    {
        await ExecuteAsync(serverConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE {Name}");
        var database = BenchClusterDatabase.Create(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = Name }.ConnectionString);
        await database.MigrateAsync();
        return new BenchDatabase(serverConnectionString, database);
    }

    /// <summary>Average stored size of a sample row of each shape (pg_column_size of the whole row).</summary>
    public async Task<Dictionary<string, double>> StoredBytesPerRowAsync()
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT CASE WHEN cardinality(event_ns) = 0 THEN 'micro' ELSE 'streamed-' || cardinality(event_ns) END, avg(pg_column_size(s.*))::float8 FROM samples s GROUP BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var sizes = new Dictionary<string, double>();
        while (await reader.ReadAsync())
            sizes[reader.GetString(0)] = reader.GetDouble(1);
        return sizes;
    }

    /// <summary>The server's version and the settings that decide write speed, for the report.</summary>
    public async Task<string> DescribeServerAsync()
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT format('PostgreSQL %s, synchronous_commit=%s, fsync=%s, shared_buffers=%s, wal_level=%s', current_setting('server_version'), current_setting('synchronous_commit'), current_setting('fsync'), current_setting('shared_buffers'), current_setting('wal_level'))");
        return (string?)await command.ExecuteScalarAsync() ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await ExecuteAsync(serverConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
