using BenchCluster.Storage;
using Npgsql;
using Xunit;

namespace BenchCluster.Testing;

/// <summary>xunit class fixture: a fresh, migrated database per test class (<c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>).</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresTestDatabase? database;

    public PostgresTestDatabase TestDatabase => database ?? throw new InvalidOperationException("The fixture is not initialized yet.");
    public BenchClusterDatabase Database => TestDatabase.Database;
    public NpgsqlDataSource DataSource => TestDatabase.DataSource;
    public string ConnectionString => TestDatabase.ConnectionString;

    public async Task InitializeAsync() => database = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
            await database.DisposeAsync();
    }
}
