using BenchCluster.Storage;
using BenchCluster.Storage.Access;
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

    /// <summary>This database through the login of <paramref name="role"/> (the coordinator's is <see cref="ConnectionString"/>).</summary>
    public async Task<string> ConnectionStringAsync(DatabaseRole role) =>
        new NpgsqlConnectionStringBuilder(await PostgresServer.GetConnectionStringAsync(role)) { Database = Name }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await PostgresServer.ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
