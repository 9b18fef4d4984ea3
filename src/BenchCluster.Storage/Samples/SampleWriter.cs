using BenchCluster.Storage.Jobs;
using Npgsql;

namespace BenchCluster.Storage.Samples;

/// <summary>
/// Writes a job's samples straight to Postgres by binary COPY, idempotently by (job, attempt, seq), inside the
/// attempt fence (<see cref="AttemptFence"/>): a stale attempt writes nothing.
/// A batch is first copied straight into samples (the common case: every row is new). If any row is already stored
/// (a retried write), that transaction rolls back and the write is redone through a per-transaction staging table and
/// INSERT … SELECT … ON CONFLICT DO NOTHING, which stores only the missing rows. Direct COPY measured about twice the
/// rate of always staging (docs/performance.md, "Sample ingestion"); no savepoint, so a one-row job costs few round trips.
/// </summary>
public sealed class SampleWriter(NpgsqlDataSource dataSource)
{
    private static readonly string DirectCopySql =
        $"COPY samples (job_id, attempt, run_id, {SampleColumns.NameList}) FROM STDIN (FORMAT BINARY)";

    private static readonly string CreateStagingSql = $"""
        CREATE TEMP TABLE samples_staging ON COMMIT DROP AS
        SELECT {SampleColumns.NameList} FROM samples WITH NO DATA
        """;

    private static readonly string StagingCopySql = $"COPY samples_staging ({SampleColumns.NameList}) FROM STDIN (FORMAT BINARY)";

    private static readonly string MergeSql = $"""
        INSERT INTO samples (job_id, attempt, run_id, {SampleColumns.NameList})
        SELECT @job_id, @attempt, @run_id, {SampleColumns.NameList} FROM samples_staging
        ON CONFLICT (job_id, attempt, seq) DO NOTHING
        """;

    /// <summary>Stores <paramref name="rows"/> for the job's <paramref name="attempt"/> unless that attempt is stale.</summary>
    public Task<SampleWriteResult> WriteAsync(
        Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken = default) =>
        WriteAsync(runId, jobId, attempt, rows, completion: null, cancellationToken);

    /// <summary>
    /// Stores <paramref name="rows"/> and, when <paramref name="completion"/> is given, the job's final state with them in
    /// one transaction, unless the attempt is stale.
    /// </summary>
    public async Task<SampleWriteResult> WriteAsync(
        Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows, JobCompletion? completion, CancellationToken cancellationToken = default)
    {
        try
        {
            return await AttemptFence.WriteAsync(dataSource, runId, jobId, attempt, rows,
                (connection, _) => CopyDirectAsync(connection, runId, jobId, attempt, rows, cancellationToken), completion, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Some rows are stored already (a retried write): the whole transaction rolled back; store only the missing rows.
            return await AttemptFence.WriteAsync(dataSource, runId, jobId, attempt, rows,
                (connection, transaction) => MergeThroughStagingAsync(connection, transaction, runId, jobId, attempt, rows, cancellationToken),
                completion, cancellationToken);
        }
    }

    private static async Task<int> CopyDirectAsync(
        NpgsqlConnection connection, Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken)
    {
        // Synchronous writes: the importer buffers, and an async call per field costs more than the I/O it saves.
        await using var importer = await connection.BeginBinaryImportAsync(DirectCopySql, cancellationToken);
        SampleColumns.WriteJobRows(importer, runId, jobId, attempt, rows);
        return checked((int)await importer.CompleteAsync(cancellationToken));
    }

    private static async Task<int> MergeThroughStagingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateStagingSql, connection, transaction))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(StagingCopySql, cancellationToken))
        {
            foreach (var row in rows)
                SampleColumns.WriteTo(importer, row);
            await importer.CompleteAsync(cancellationToken);
        }
        await using var merge = new NpgsqlCommand(MergeSql, connection, transaction);
        merge.With("job_id", jobId).With("attempt", attempt).With("run_id", runId);
        return await merge.ExecuteNonQueryAsync(cancellationToken);
    }
}
