using BenchCluster.Storage;
using BenchCluster.Storage.Access;
using Npgsql;

namespace BenchCluster.Testing;

/// <summary>A database of one test class on the shared test server; dropping it is what disposing does.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;
    private readonly Func<DatabaseRole, Task<string>> serverLogin;

    /// <param name="serverLogin">The server's connection string for a role's login (its maintenance database).</param>
    internal PostgresTestDatabase(string name, string connectionString, BenchClusterDatabase database, string adminConnectionString,
        Func<DatabaseRole, Task<string>> serverLogin)
    {
        Name = name;
        ConnectionString = connectionString;
        Database = database;
        this.adminConnectionString = adminConnectionString;
        this.serverLogin = serverLogin;
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public BenchClusterDatabase Database { get; }
    public NpgsqlDataSource DataSource => Database.DataSource;

    /// <summary>This database through the login of <paramref name="role"/> (the coordinator's is <see cref="ConnectionString"/>).</summary>
    public async Task<string> ConnectionStringAsync(DatabaseRole role) =>
        new NpgsqlConnectionStringBuilder(await serverLogin(role)) { Database = Name }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await DropAsync();
    }

    /// <summary>
    /// Drops the database. The test login may not end other roles' sessions, and a silo killed a moment ago can
    /// leave its server session open until Postgres notices the closed socket; so a refusal for another role's
    /// session (42501) or a database still in use (55006) is retried for a while before it fails the test.
    /// </summary>
    private async Task DropAsync()
    {
        var deadline = DateTime.UtcNow + DropPatience;
        while (true)
        {
            try
            {
                await PostgresServer.ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse
                                              && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static readonly TimeSpan DropPatience = TimeSpan.FromSeconds(30);
}
