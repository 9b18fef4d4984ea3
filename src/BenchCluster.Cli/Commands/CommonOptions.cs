using System.CommandLine;
using BenchCluster.Cli.Local;
using BenchCluster.Hosting.Silos;
using BenchCluster.Storage.Access;
using Npgsql;

namespace BenchCluster.Cli.Commands;

/// <summary>Options every cluster command shares: where the cluster's Postgres is, and the cluster's name in it.</summary>
internal static class CommonOptions
{
    public const string PostgresVariable = "BENCHCLUSTER_POSTGRES";
    public const string ClusterIdVariable = "BENCHCLUSTER_CLUSTER_ID";

    public static Option<string?> Postgres() => new("--postgres")
    {
        Description = $"Npgsql connection string of the cluster's Postgres (Host=…;Port=…;Username=…;Password=…;Database=…). " +
                      $"Default: ${PostgresVariable}, else the private Postgres of local mode (.data/postgres) when it runs. " +
                      $"A password given here shows in the process list; prefer ${PostgresVariable}.",
        HelpName = "CONNSTR",
    };

    public static Option<string?> ClusterId() => new("--cluster-id")
    {
        Description = $"The cluster's name in the membership table. Default: ${ClusterIdVariable}, else '{ClusterConnection.DefaultClusterId}'.",
        HelpName = "ID",
    };

    /// <summary>Rejects a count below 1 with an error naming the option.</summary>
    public static void RequirePositive(Option<int> option) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < 1)
            result.AddError($"{option.Name} must be 1 or more");
    });

    /// <summary>
    /// The connection from the options, the environment, or the running local Postgres (with the login of
    /// <paramref name="role"/>); a clear error when none is found. The variable is removed from this process once read,
    /// so child processes (engines, which load untrusted model files) do not inherit the password.
    /// </summary>
    public static ClusterConnection Resolve(string? postgres, string? clusterId, DatabaseRole role)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PostgresVariable);
        Environment.SetEnvironmentVariable(PostgresVariable, null);
        if (postgres is not null && HoldsPassword(postgres))
            CommandRunner.Warn($"the password in --postgres shows in the process list to every user of this machine; set {PostgresVariable} instead");
        var connectionString = postgres
            ?? fromEnvironment
            ?? LocalPostgres.TryRunningConnectionString(role)
            ?? throw new UserFacingException(
                $"no Postgres given: pass --postgres CONNSTR or set {PostgresVariable}; for a single machine, 'benchcluster run SUITE' starts a private one");
        var id = clusterId ?? Environment.GetEnvironmentVariable(ClusterIdVariable) ?? ClusterConnection.DefaultClusterId;
        return new ClusterConnection(connectionString, id);
    }

    private static bool HoldsPassword(string connectionString)
    {
        try
        {
            return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Password);
        }
        catch (ArgumentException)
        {
            return false; // not a connection string at all: opening it reports that
        }
    }
}
