using System.Diagnostics;
using Npgsql;

namespace BenchCluster.ClusterBench;

/// <summary>The benchmark's Postgres: the checkout's private server (infra/postgres.sh), a fresh database per run.</summary>
internal sealed record BenchPostgres(string AdminConnectionString)
{
    public static async Task<BenchPostgres> StartAsync()
    {
        var script = FindScript();
        await RunAsync(script, "start");
        return new BenchPostgres((await RunAsync(script, "url")).Trim());
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        return $"{builder.Host}:{builder.Port}";
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "infra", "postgres.sh");
            if (File.Exists(script))
                return script;
        }
        throw new InvalidOperationException("infra/postgres.sh not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> RunAsync(string script, string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"postgres.sh {command}: {error}");
    }
}
