using BenchCluster.Storage.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Samples;

/// <summary>
/// Stores several finished job attempts in one transaction: one fenced UPDATE finishes every attempt that is still
/// current (and tells which), one binary COPY stores the samples of exactly those. A stale attempt stores nothing.
/// When any sample is already stored (a retried write) or the batch meets a deadlock, each job is written on its own
/// through <see cref="SampleWriter"/>, which merges duplicates away.
/// </summary>
public sealed class FinishedJobWriter(NpgsqlDataSource dataSource, SampleWriter oneByOne)
{
    private static readonly string CopySql = $"COPY samples (job_id, attempt, run_id, {SampleColumns.NameList}) FROM STDIN (FORMAT BINARY)";

    private const string FinishSql = """
        UPDATE jobs AS j
        SET status = c.status, last_error = c.error, measurement = c.measurement::jsonb, finished_at = now()
        FROM unnest(@job_ids, @run_ids, @attempts, @statuses, @errors, @measurements)
             AS c(job_id, run_id, attempt, status, error, measurement)
        WHERE j.job_id = c.job_id AND j.run_id = c.run_id AND j.attempt = c.attempt AND j.status = 'running'
        RETURNING j.job_id
        """;

    private const string CurrentSql = "SELECT job_id, attempt, status FROM jobs WHERE job_id = ANY(@job_ids)";

    public async Task<IReadOnlyList<SampleWriteResult>> WriteAsync(IReadOnlyList<FinishedJob> jobs, CancellationToken cancellationToken = default)
    {
        foreach (var job in jobs)
            SampleColumns.Validate(job.Rows, job.JobId);
        try
        {
            return await WriteTogetherAsync(jobs, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
        {
            var results = new List<SampleWriteResult>(jobs.Count);
            foreach (var job in jobs)
                results.Add(await oneByOne.WriteAsync(job.RunId, job.JobId, job.Attempt, job.Rows, job.Completion, cancellationToken));
            return results;
        }
    }

    private async Task<IReadOnlyList<SampleWriteResult>> WriteTogetherAsync(IReadOnlyList<FinishedJob> jobs, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var accepted = await FinishAsync(connection, transaction, jobs, cancellationToken);
        var inserted = await CopyAsync(connection, jobs.Where(j => accepted.Contains(j.JobId)), cancellationToken);
        var rejected = jobs.Where(j => !accepted.Contains(j.JobId)).ToList();
        var current = rejected.Count == 0 ? [] : await CurrentAsync(connection, transaction, rejected, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return jobs.Select(job => accepted.Contains(job.JobId)
                ? new SampleWriteResult(SampleWriteOutcome.Written, inserted.GetValueOrDefault(job.JobId), job.Attempt, job.Completion.Status)
                : current.TryGetValue(job.JobId, out var now)
                    ? new SampleWriteResult(SampleWriteOutcome.StaleAttempt, 0, now.Attempt, now.Status)
                    : new SampleWriteResult(SampleWriteOutcome.JobNotFound, 0, 0, null))
            .ToList();
    }

    private static async Task<HashSet<Guid>> FinishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<FinishedJob> jobs, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FinishSql, connection, transaction);
        command.With("job_ids", jobs.Select(j => j.JobId).ToArray())
            .With("run_ids", jobs.Select(j => j.RunId).ToArray())
            .With("attempts", jobs.Select(j => j.Attempt).ToArray())
            .With("statuses", jobs.Select(j => StorageNames.Of(j.Completion.Status)).ToArray())
            .With("errors", jobs.Select(j => j.Completion.Error).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .With("measurements", jobs.Select(j => j.Completion.MeasurementJson).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var accepted = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            accepted.Add(reader.GetGuid(0));
        return accepted;
    }

    private static async Task<Dictionary<Guid, int>> CopyAsync(NpgsqlConnection connection, IEnumerable<FinishedJob> jobs, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<Guid, int>();
        var withRows = jobs.Where(j => j.Rows.Count > 0).ToList();
        if (withRows.Count == 0)
            return counts;
        // Synchronous writes: the importer buffers, and an async call per field costs more than the I/O it saves.
        await using var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken);
        foreach (var job in withRows)
        {
            SampleColumns.WriteJobRows(importer, job.RunId, job.JobId, job.Attempt, job.Rows);
            counts[job.JobId] = job.Rows.Count;
        }
        await importer.CompleteAsync(cancellationToken);
        return counts;
    }

    private static async Task<Dictionary<Guid, (int Attempt, JobState Status)>> CurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<FinishedJob> jobs, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CurrentSql, connection, transaction);
        command.With("job_ids", jobs.Select(j => j.JobId).ToArray());
        var current = new Dictionary<Guid, (int, JobState)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            current[reader.GetGuid(0)] = (reader.GetInt32(1), StorageNames.Parse<JobState>(reader.GetString(2)));
        return current;
    }
}
