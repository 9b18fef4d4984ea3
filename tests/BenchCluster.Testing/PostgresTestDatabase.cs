using BenchCluster.Storage;
using Npgsql;

namespace BenchCluster.Testing;

/// <summary>A database of one test class on the shared test server; dropping it is what disposing does.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    internal PostgresTestDatabase(string name, string connectionString, BenchClusterDatabase database, string adminConnectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        Database = database;
        this.adminConnectionString = adminConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public BenchClusterDatabase Database { get; }
    public NpgsqlDataSource DataSource => Database.DataSource;

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await PostgresServer.ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
