using BenchCluster.Storage.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Samples;

/// <summary>
/// The transaction every sample write runs in; it writes only while the job's current attempt is the writer's and
/// still running.
/// - Samples only: the job row is read FOR SHARE, which holds it until commit, so a concurrent re-dispatch (which
///   updates the row) waits for the write to finish, and a write that starts after it sees the new attempt and writes
///   nothing. Writers of the same attempt share the lock.
/// - Samples and the job's final state (<see cref="JobCompletion"/>): the fenced UPDATE that finishes the job comes
///   first and is the check itself (it matches no row when the attempt is stale), and it holds the row until commit.
/// </summary>
internal static class AttemptFence
{
    /// <summary>Validates the rows, then runs <paramref name="insert"/> (returning rows inserted) fenced and committed.</summary>
    public static async Task<SampleWriteResult> WriteAsync(
        NpgsqlDataSource dataSource, Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<int>> insert, JobCompletion? completion, CancellationToken cancellationToken)
    {
        SampleColumns.Validate(rows, jobId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rejection = completion is null
            ? await CheckAsync(connection, transaction, runId, jobId, attempt, cancellationToken)
            : await CompleteAsync(connection, transaction, runId, jobId, attempt, completion, cancellationToken);
        if (rejection is not null)
            return rejection;
        var inserted = rows.Count == 0 ? 0 : await insert(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return new SampleWriteResult(SampleWriteOutcome.Written, inserted, attempt, completion?.Status ?? JobState.Running);
    }

    /// <summary>Finishes the job if the attempt is current; otherwise says why nothing may be written.</summary>
    private static async Task<SampleWriteResult?> CompleteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Guid jobId, int attempt, JobCompletion completion, CancellationToken cancellationToken)
    {
        const string sql = "UPDATE jobs SET status = @status, last_error = @error, measurement = @measurement::jsonb, finished_at = now() " +
                           "WHERE job_id = @job_id AND run_id = @run_id AND attempt = @attempt AND status = 'running'";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.With("job_id", jobId).With("run_id", runId).With("attempt", attempt).With("status", StorageNames.Of(completion.Status))
            .With("error", completion.Error, NpgsqlDbType.Text)
            .With("measurement", completion.MeasurementJson, NpgsqlDbType.Text);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            return null;
        return await CheckAsync(connection, transaction, runId, jobId, attempt, cancellationToken)
            ?? throw new InvalidOperationException($"job {jobId} attempt {attempt} is current but could not be finished");
    }

    private static async Task<SampleWriteResult?> CheckAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Guid jobId, int attempt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT attempt, status FROM jobs WHERE job_id = @job_id AND run_id = @run_id FOR SHARE", connection, transaction);
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
