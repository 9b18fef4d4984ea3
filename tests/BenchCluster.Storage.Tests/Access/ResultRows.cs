namespace BenchCluster.Storage.Tests.Access;

/// <summary>A stored result row for permission tests, written by the coordinator's (owner's) login.</summary>
internal static class ResultRows
{
    public static async Task InsertAsync(BenchClusterDatabase owner, Guid runId)
    {
        await using var command = owner.DataSource.CreateCommand($"""
            INSERT INTO results (run_id, point_key, node_name, model_ref, scenario, verdict, repetitions, tokens_per_second_mean)
            VALUES ('{runId}', 'p1', 'node-a', 'tiny', 'tg128', 'VALID', 1, 42.5)
            """);
        await command.ExecuteNonQueryAsync();
    }
}
