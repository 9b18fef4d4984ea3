using BenchCluster.Cli.Commands;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Local;

/// <summary>Local mode's private Postgres under .data/postgres, started and described by infra/postgres.sh.</summary>
internal static class LocalPostgres
{
    private const int StoppedExitCode = 3;

    public static string Script(string home) => Path.Combine(home, "infra", "postgres.sh");

    /// <summary>Starts it when needed (installing the server package on first use).</summary>
    public static async Task StartAsync(CancellationToken cancellationToken)
    {
        var home = BenchClusterHome.Find();
        var started = await ScriptRunner.RunAsync(Script(home), ["start"], cancellationToken);
        if (started.ExitCode != 0)
            throw new UserFacingException($"could not start the local Postgres: {started.Error} {started.Output}".Trim());
    }

    /// <summary>The connection string of <paramref name="role"/>'s login on the local Postgres.</summary>
    public static Task<string> ConnectionStringAsync(DatabaseRole role, CancellationToken cancellationToken) =>
        UrlAsync(BenchClusterHome.Find(), role, cancellationToken);

    /// <summary>The running local Postgres' connection string for <paramref name="role"/>, or null when there is none.</summary>
    public static string? TryRunningConnectionString(DatabaseRole role)
    {
        var home = BenchClusterHome.TryFind();
        if (home is null || !File.Exists(Path.Combine(home, ".data", "postgres", "PG_VERSION")))
            return null;
        var status = ScriptRunner.RunAsync(Script(home), ["status"], CancellationToken.None).GetAwaiter().GetResult();
        return status.ExitCode == StoppedExitCode || status.ExitCode != 0
            ? null
            : UrlAsync(home, role, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A psql command line for the user (the password comes from the data folder through infra/postgres.sh).</summary>
    public static string PsqlHint(string home) => $"{Path.GetRelativePath(Environment.CurrentDirectory, Script(home))} psql";

    private static async Task<string> UrlAsync(string home, DatabaseRole role, CancellationToken cancellationToken)
    {
        var url = await ScriptRunner.RunAsync(Script(home), ["url", "--role", role.ToString().ToLowerInvariant()], cancellationToken);
        if (url.ExitCode != 0 || string.IsNullOrWhiteSpace(url.Output))
            throw new UserFacingException($"infra/postgres.sh url failed: {url.Error}");
        return url.Output;
    }
}
