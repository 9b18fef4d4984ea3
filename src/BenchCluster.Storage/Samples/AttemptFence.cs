using BenchCluster.Storage.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Samples;

/// <summary>
/// The transaction every sample write runs in. It first checks that the job's current attempt is the writer's and
/// still running: FOR SHARE holds the job row until commit, so a concurrent re-dispatch (which updates the row) waits
/// for the write to finish, and a write that starts after the re-dispatch sees the new attempt and writes nothing.
/// Writers of the same attempt share the lock and do not wait for each other. A write that also finishes the job
/// (a <see cref="JobCompletion"/>) locks the row FOR UPDATE and sets its final state in the same transaction.
/// </summary>
internal static class AttemptFence
{
    /// <summary>Validates the rows, then runs <paramref name="insert"/> (returning rows inserted) fenced and committed.</summary>
    public static async Task<SampleWriteResult> WriteAsync(
        NpgsqlDataSource dataSource, Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<int>> insert, CancellationToken cancellationToken, JobCompletion? completion = null)
    {
        SampleColumns.Validate(rows, jobId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await RejectionAsync(connection, transaction, runId, jobId, attempt, completion is not null, cancellationToken) is { } rejection)
            return rejection;
        var inserted = rows.Count == 0 ? 0 : await insert(connection, transaction);
        if (completion is not null)
            await CompleteAsync(connection, transaction, jobId, attempt, completion, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SampleWriteResult(SampleWriteOutcome.Written, inserted, attempt, completion?.Status ?? JobState.Running);
    }

    private static async Task CompleteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid jobId, int attempt, JobCompletion completion, CancellationToken cancellationToken)
    {
        const string sql = "UPDATE jobs SET status = @status, last_error = @error, measurement = @measurement::jsonb, finished_at = now() " +
                           "WHERE job_id = @job_id AND attempt = @attempt";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.With("job_id", jobId).With("attempt", attempt).With("status", StorageNames.Of(completion.Status))
            .With("error", completion.Error, NpgsqlDbType.Text)
            .With("measurement", completion.MeasurementJson, NpgsqlDbType.Text);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<SampleWriteResult?> RejectionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Guid jobId, int attempt, bool forUpdate, CancellationToken cancellationToken)
    {
        var lockMode = forUpdate ? "FOR UPDATE" : "FOR SHARE";
        await using var command = new NpgsqlCommand(
            $"SELECT attempt, status FROM jobs WHERE job_id = @job_id AND run_id = @run_id {lockMode}", connection, transaction);
        command.With("job_id", jobId).With("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return new SampleWriteResult(SampleWriteOutcome.JobNotFound, 0, 0, null);
        var currentAttempt = reader.GetInt32(0);
        var status = StorageNames.Parse<JobState>(reader.GetString(1));
        return currentAttempt == attempt && status == JobState.Running
            ? null
            : new SampleWriteResult(SampleWriteOutcome.StaleAttempt, 0, currentAttempt, status);
    }
}
