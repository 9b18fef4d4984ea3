using BenchCluster.Storage.Resilience;

namespace BenchCluster.Cluster.Tests.Unit.Dispatch;

/// <summary>Which Postgres errors are retried: a restart and an unreachable server are; a bad statement is not.</summary>
public sealed class TransientPostgresErrorTests
{
    [Fact]
    public void Shutdown_startup_and_refused_connections_are_transient()
    {
        Assert.True(TransientPostgresError.Is(PostgresFaults.AdminShutdown()));
        Assert.True(TransientPostgresError.Is(PostgresFaults.StartingUp()));
        Assert.True(TransientPostgresError.Is(PostgresFaults.ConnectionRefused()));
        Assert.True(TransientPostgresError.Is(new Npgsql.PostgresException("connection failure", "FATAL", "FATAL", "08006")));
    }

    [Fact]
    public void Statement_errors_and_other_exceptions_are_not_transient()
    {
        Assert.False(TransientPostgresError.Is(PostgresFaults.UniqueViolation()));
        Assert.False(TransientPostgresError.Is(new Npgsql.PostgresException("syntax error", "ERROR", "ERROR", "42601")));
        Assert.False(TransientPostgresError.Is(new InvalidOperationException("not a database error")));
    }
}
