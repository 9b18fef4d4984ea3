using BenchCluster.Cli.Commands;

namespace BenchCluster.Cli.Local;

/// <summary>Local mode's private Postgres under .data/postgres, started and described by infra/postgres.sh.</summary>
internal static class LocalPostgres
{
    private const int StoppedExitCode = 3;

    public static string Script(string home) => Path.Combine(home, "infra", "postgres.sh");

    /// <summary>Starts it when needed (installing the server package on first use) and returns its connection string.</summary>
    public static async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        var home = BenchClusterHome.Find();
        var started = await ScriptRunner.RunAsync(Script(home), ["start"], cancellationToken);
        if (started.ExitCode != 0)
            throw new UserFacingException($"could not start the local Postgres: {started.Error} {started.Output}".Trim());
        return await UrlAsync(home, cancellationToken);
    }

    /// <summary>The running local Postgres' connection string, or null when there is none.</summary>
    public static string? TryRunningConnectionString()
    {
        var home = BenchClusterHome.TryFind();
        if (home is null || !File.Exists(Path.Combine(home, ".data", "postgres", "PG_VERSION")))
            return null;
        var status = ScriptRunner.RunAsync(Script(home), ["status"], CancellationToken.None).GetAwaiter().GetResult();
        return status.ExitCode == StoppedExitCode || status.ExitCode != 0
            ? null
            : UrlAsync(home, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A psql command line for the user (the password comes from the data folder through infra/postgres.sh).</summary>
    public static string PsqlHint(string home) => $"{Path.GetRelativePath(Environment.CurrentDirectory, Script(home))} psql";

    private static async Task<string> UrlAsync(string home, CancellationToken cancellationToken)
    {
        var url = await ScriptRunner.RunAsync(Script(home), ["url"], cancellationToken);
        if (url.ExitCode != 0 || string.IsNullOrWhiteSpace(url.Output))
            throw new UserFacingException($"infra/postgres.sh url failed: {url.Error}");
        return url.Output;
    }
}
