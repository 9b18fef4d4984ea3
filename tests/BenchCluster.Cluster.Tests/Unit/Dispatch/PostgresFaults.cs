using Npgsql;

namespace BenchCluster.Cluster.Tests.Unit.Dispatch;

/// <summary>The errors Npgsql raises while Postgres restarts, and one it raises for a bad statement.</summary>
internal static class PostgresFaults
{
    /// <summary>The server was stopped (pg_ctl stop -m fast): it ends every session with 57P01.</summary>
    public static PostgresException AdminShutdown() => new("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");

    /// <summary>The server is starting up again and refuses connections yet.</summary>
    public static PostgresException StartingUp() => new("the database system is starting up", "FATAL", "FATAL", "57P03");

    /// <summary>Nothing listens on the port: the connection is refused.</summary>
    public static NpgsqlException ConnectionRefused() => new("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));

    /// <summary>Not transient: retrying a unique violation cannot help.</summary>
    public static PostgresException UniqueViolation() => new("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505");
}
