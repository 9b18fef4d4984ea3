using System.Net.Sockets;
using Npgsql;

namespace BenchCluster.Storage.Resilience;

/// <summary>
/// Which Postgres errors are worth trying again: the server restarting or briefly unreachable, not a bad statement.
/// Npgsql's own IsTransient covers broken sockets, timeouts and SQL states such as 57P03 and 08xxx; the server's
/// shutdown states 57P01 (admin shutdown, e.g. <c>pg_ctl stop -m fast</c>) and 57P02 (crash shutdown) are added
/// because a restart is exactly the outage a run must survive.
/// </summary>
public static class TransientPostgresError
{
    public static bool Is(Exception error) => error switch
    {
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or EndOfStreamException,
        _ => false,
    };

    /// <summary>A short description for a log line: the SQL state when the server sent one, else the error's type.</summary>
    public static string Describe(Exception error) => error switch
    {
        PostgresException postgres => $"{postgres.SqlState} {postgres.MessageText}",
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}
