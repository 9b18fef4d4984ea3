using BenchCluster.Testing.Reliability;
using Npgsql;

namespace BenchCluster.Storage.Tests.Access;

/// <summary>Runs statements a login must not be allowed to run and asserts Postgres refuses each with SQLSTATE 42501.</summary>
internal static class PermissionProbe
{
    public const string Surface = "postgres credentials";

    /// <summary>Asserts every statement is refused, then records each in the bad-input catalogue.</summary>
    /// <param name="attempts">What the login tries, in words ("DELETE on results"), and the SQL that does it.</param>
    public static async Task AssertAllDeniedAsync(string connectionString, string login, IReadOnlyList<(string Act, string Sql)> attempts, string test)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var refusals = new List<string>();
        foreach (var (act, sql) in attempts)
        {
            await using var command = dataSource.CreateCommand(sql);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege,
                $"{login} tries {act}: failed with {error.SqlState} ({error.MessageText}), not permission denied");
            refusals.Add(error.MessageText);
        }
        for (var i = 0; i < attempts.Count; i++)
            ReliabilityLog.BadInput(new BadInputRecord(Surface, $"{login} role tries {attempts[i].Act}", 1,
                $"permission denied (42501): {refusals[i]}", test));
    }
}
