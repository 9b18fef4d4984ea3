using Npgsql;

namespace BenchCluster.Storage.Samples;

/// <summary>
/// The comparison path for the ingestion benchmark: the same fence and idempotent keys as <see cref="SampleWriter"/>,
/// but one prepared INSERT per row, all in one transaction. Production code uses <see cref="SampleWriter"/>.
/// </summary>
public sealed class RowByRowSampleWriter(NpgsqlDataSource dataSource)
{
    private static readonly string InsertSql =
        $"""
        INSERT INTO samples (job_id, attempt, run_id, {SampleColumns.NameList})
        VALUES (@job_id, @attempt, @run_id, {string.Join(", ", SampleColumns.All.Select(c => "@" + c.Name))})
        ON CONFLICT (job_id, attempt, seq) DO NOTHING
        """;

    public Task<SampleWriteResult> WriteAsync(
        Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken = default) =>
        AttemptFence.WriteAsync(dataSource, runId, jobId, attempt, rows, async (connection, transaction) =>
        {
            await using var insert = new NpgsqlCommand(InsertSql, connection, transaction);
            insert.With("job_id", jobId).With("attempt", attempt).With("run_id", runId);
            var columns = SampleColumns.All.Select(c => insert.Parameters.Add(new NpgsqlParameter(c.Name, c.Type))).ToArray();
            await insert.PrepareAsync(cancellationToken);
            var inserted = 0;
            foreach (var row in rows)
            {
                var values = SampleColumns.Values(row);
                for (var i = 0; i < columns.Length; i++)
                    columns[i].Value = values[i] ?? DBNull.Value;
                inserted += await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            return inserted;
        }, completion: null, cancellationToken);
}
