using Npgsql;

namespace BenchCluster.Storage.Samples;

/// <summary>
/// Writes a job's samples straight to Postgres: binary COPY into a per-transaction staging table, then one
/// INSERT … SELECT … ON CONFLICT DO NOTHING keyed by (job, attempt, seq), so writing the same batch twice stores it
/// once. The same transaction holds the attempt fence (<see cref="AttemptFence"/>): a stale attempt writes nothing.
/// </summary>
public sealed class SampleWriter(NpgsqlDataSource dataSource)
{
    private static readonly string CreateStagingSql = $"""
        CREATE TEMP TABLE samples_staging ON COMMIT DROP AS
        SELECT {SampleColumns.NameList} FROM samples WITH NO DATA
        """;

    private static readonly string CopySql = $"COPY samples_staging ({SampleColumns.NameList}) FROM STDIN (FORMAT BINARY)";

    private static readonly string MoveSql = $"""
        INSERT INTO samples (job_id, attempt, run_id, {SampleColumns.NameList})
        SELECT @job_id, @attempt, @run_id, {SampleColumns.NameList} FROM samples_staging
        ON CONFLICT (job_id, attempt, seq) DO NOTHING
        """;

    /// <summary>Stores <paramref name="rows"/> for the job's <paramref name="attempt"/> unless that attempt is stale.</summary>
    public Task<SampleWriteResult> WriteAsync(
        Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken = default) =>
        AttemptFence.WriteAsync(dataSource, runId, jobId, attempt, rows, async (connection, transaction) =>
        {
            await using (var create = new NpgsqlCommand(CreateStagingSql, connection, transaction))
                await create.ExecuteNonQueryAsync(cancellationToken);
            // Synchronous writes: the importer buffers, and an async call per field costs more than the I/O it saves.
            await using (var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
            {
                foreach (var row in rows)
                    SampleColumns.WriteTo(importer, row);
                await importer.CompleteAsync(cancellationToken);
            }
            await using var move = new NpgsqlCommand(MoveSql, connection, transaction);
            move.With("job_id", jobId).With("attempt", attempt).With("run_id", runId);
            return await move.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
