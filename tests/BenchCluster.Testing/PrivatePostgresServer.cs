using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;

namespace BenchCluster.Testing;

/// <summary>
/// A Postgres server of one test alone (infra/postgres.sh in a scratch folder, on a free port), for tests that stop and
/// start the server: the shared test server serves other test classes running in parallel and must never go down.
/// Stopped and deleted on dispose.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _scratch;
    private readonly string _data;

    private PrivatePostgresServer(string scratch, int port, string connectionString)
    {
        _scratch = scratch;
        _data = Path.Combine(scratch, "data");
        Port = port;
        ConnectionString = connectionString;
    }

    public int Port { get; }

    /// <summary>The maintenance database's connection string (its role may create databases), without pooling.</summary>
    public string ConnectionString { get; }

    public static async Task<PrivatePostgresServer> StartAsync(string name)
    {
        var scratch = RepositoryPaths.Scratch($"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        var data = Path.Combine(scratch, "data");
        var port = FreePort();
        await PostgresServer.RunScriptAsync("start", "--data", data, "--port", port.ToString(CultureInfo.InvariantCulture));
        // No pool for the test's own connections: a pooled connection dies with the server, and the test's checks
        // must not trip over that; the silos keep their pools, as in production.
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder((await PostgresServer.RunScriptAsync("url", "--data", data)).Trim()) { Pooling = false }.ConnectionString;
        return new PrivatePostgresServer(scratch, port, connectionString);
    }

    /// <summary>A migrated database of its own on this server: its connection string (for silos) pools, the test's own data source does not.</summary>
    public async Task<PostgresTestDatabase> CreateDatabaseAsync()
    {
        var name = "bc_private_" + Guid.NewGuid().ToString("N")[..8];
        await PostgresServer.ExecuteAsync(ConnectionString, $"CREATE DATABASE {name}");
        var unpooled = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        var database = BenchClusterDatabase.Create(unpooled.ConnectionString);
        await database.MigrateAsync();
        var forSilos = new Npgsql.NpgsqlConnectionStringBuilder(unpooled.ConnectionString) { Pooling = true }.ConnectionString;
        return new PostgresTestDatabase(name, forSilos, database, ConnectionString, LoginAsync);
    }

    /// <summary>The connection string of a role's login on this server (its maintenance database).</summary>
    public async Task<string> LoginAsync(DatabaseRole role) =>
        role == DatabaseRole.Coordinator
            ? ConnectionString
            : (await PostgresServer.RunScriptAsync("url", "--data", _data, "--role", PostgresServer.ScriptName(role))).Trim();

    /// <summary>pg_ctl stop -m fast: every session is ended (57P01) and new connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => PostgresServer.RunScriptAsync("stop", "--data", _data);

    public Task StartAgainAsync() => PostgresServer.RunScriptAsync("start", "--data", _data);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // a leftover scratch folder is harmless; .data/ is git-ignored
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
