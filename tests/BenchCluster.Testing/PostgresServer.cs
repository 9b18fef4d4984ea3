using System.Diagnostics;
using System.Globalization;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;
using Npgsql;

namespace BenchCluster.Testing;

/// <summary>
/// The real PostgreSQL server tests run against, shared by every test of the process and by test processes running in
/// parallel: infra/postgres.sh starts it (idempotently, under a lock) in .data/test-postgres on <see cref="Port"/> and
/// leaves it running for the next test run. Set BENCHCLUSTER_TEST_POSTGRES to an Npgsql connection string (of a role
/// that may create databases) to use another server instead, or BENCHCLUSTER_TEST_POSTGRES_PORT to run the private
/// server on another port (two checkouts testing at once). With BENCHCLUSTER_TEST_POSTGRES, the worker's and the
/// reader's logins come from BENCHCLUSTER_TEST_POSTGRES_WORKER and BENCHCLUSTER_TEST_POSTGRES_READER.
/// </summary>
public static class PostgresServer
{
    public const int DefaultPort = 55433;
    public const string ConnectionStringVariable = "BENCHCLUSTER_TEST_POSTGRES";
    public const string PortVariable = "BENCHCLUSTER_TEST_POSTGRES_PORT";

    public static int Port =>
        int.TryParse(Environment.GetEnvironmentVariable(PortVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : DefaultPort;
    /// <summary>
    /// Addresses the multi-host tests give their network namespaces: the server listens on every address and lets
    /// this range in (with the password), so silos in other namespaces reach it through the host's bridge address.
    /// </summary>
    public const string TestNetworkCidr = "10.77.0.0/16";
    private const string DatabasePrefix = "bc_test_";
    private const string NameTimeFormat = "yyyyMMddHHmm";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);
    /// <summary>Databases left behind by killed test processes are dropped once they are this old.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(6);

    private static readonly Lazy<Task<string>> ConnectionStringLazy = new(StartAsync);
    private static readonly Lazy<Task<string>> WorkerLazy = new(() => LoginAsync(DatabaseRole.Worker));
    private static readonly Lazy<Task<string>> ReaderLazy = new(() => LoginAsync(DatabaseRole.Reader));

    public static string DataFolder => Path.Combine(RepositoryPaths.Root, ".data", "test-postgres");

    /// <summary>Connection string of the server's maintenance database (benchcluster); starts the server on first use.</summary>
    public static Task<string> GetConnectionStringAsync() => ConnectionStringLazy.Value;

    /// <summary>
    /// Connection string of a role's login (for the maintenance database); the coordinator's is
    /// <see cref="GetConnectionStringAsync()"/>, the owner of every test database.
    /// </summary>
    public static Task<string> GetConnectionStringAsync(DatabaseRole role) => role switch
    {
        DatabaseRole.Worker => WorkerLazy.Value,
        DatabaseRole.Reader => ReaderLazy.Value,
        _ => ConnectionStringLazy.Value,
    };

    /// <summary>
    /// A role's connection string as a host of another network reaches the private server at <paramref name="host"/>:
    /// over TLS, verifying the server certificate (infra/postgres.sh url --host).
    /// </summary>
    public static async Task<string> GetRemoteConnectionStringAsync(string host, DatabaseRole role, string database)
    {
        await GetConnectionStringAsync();
        var url = await RunScriptAsync("url", "--data", DataFolder, "--role", ScriptName(role), "--host", host);
        return new NpgsqlConnectionStringBuilder(url.Trim()) { Database = database }.ConnectionString;
    }

    /// <summary>A new, empty database of its own (migrated unless <paramref name="migrate"/> is false), dropped on dispose.</summary>
    public static async Task<PostgresTestDatabase> CreateDatabaseAsync(bool migrate = true)
    {
        var admin = await GetConnectionStringAsync();
        var name = DatabasePrefix + DateTime.UtcNow.ToString(NameTimeFormat, CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var database = BenchClusterDatabase.Create(connectionString);
        if (migrate)
            await database.MigrateAsync();
        return new PostgresTestDatabase(name, connectionString, database, admin, GetConnectionStringAsync);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var data = DataFolder;
            await RunScriptAsync("start", "--data", data, "--port", Port.ToString(CultureInfo.InvariantCulture), "--listen", "*", "--allow", TestNetworkCidr);
            connectionString = (await RunScriptAsync("url", "--data", data)).Trim();
        }
        await DropLeftoversAsync(connectionString);
        return connectionString;
    }

    private static async Task<string> LoginAsync(DatabaseRole role)
    {
        await GetConnectionStringAsync();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionStringVariable)))
            return (await RunScriptAsync("url", "--data", DataFolder, "--role", ScriptName(role))).Trim();
        var variable = $"{ConnectionStringVariable}_{role.ToString().ToUpperInvariant()}";
        var connectionString = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"{ConnectionStringVariable} names another server; set {variable} to the connection string of its {ScriptName(role)} login (docs/storage.md, Roles).")
            : connectionString;
    }

    internal static string ScriptName(DatabaseRole role) => role.ToString().ToLowerInvariant();

    private static async Task DropLeftoversAsync(string connectionString)
    {
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{DatabasePrefix}%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
        }
        var cutoff = DateTime.UtcNow - LeftoverAge;
        foreach (var name in names)
        {
            var stamp = name.Substring(DatabasePrefix.Length, NameTimeFormat.Length);
            if (DateTime.TryParseExact(stamp, NameTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created)
                && created < cutoff)
                await ExecuteAsync(connectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    /// <summary>Runs infra/postgres.sh against the private test server's folder (starting it first) and returns its output.</summary>
    public static async Task<string> ScriptAsync(string command, params string[] arguments)
    {
        await GetConnectionStringAsync();
        return await RunScriptAsync([command, "--data", DataFolder, .. arguments]);
    }

    internal static async Task<string> RunScriptAsync(params string[] arguments)
    {
        var script = Path.Combine(RepositoryPaths.Infra, "postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start bash {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"infra/postgres.sh {string.Join(' ', arguments)} did not finish within {ScriptTimeout.TotalMinutes} minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"infra/postgres.sh {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await stderr}\n{await stdout}");
        return await stdout;
    }
}
