using Npgsql;

namespace BenchCluster.Storage.Runs;

/// <summary>Creates runs and moves them through their states.</summary>
public sealed class RunStore(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts the run; false when a run with that id exists already (a resubmission is not an error).</summary>
    public async Task<bool> CreateAsync(RunRow run, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO runs (run_id, suite_name, suite_text, status, submitted_by, submitted_at, settings, tags)
            VALUES (@run_id, @suite_name, @suite_text, @status, @submitted_by, coalesce(@submitted_at, now()), @settings, @tags)
            ON CONFLICT (run_id) DO NOTHING
            """);
        command.With("run_id", run.RunId)
            .With("suite_name", run.SuiteName)
            .With("suite_text", run.SuiteText)
            .With("status", StorageNames.Of(run.Status))
            .With("submitted_by", run.SubmittedBy)
            .With("submitted_at", run.SubmittedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz)
            .WithJson("settings", run.SettingsJson)
            .With("tags", run.Tags.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Moves a run to <paramref name="status"/>, stamping started_at on the first Running and finished_at on a final
    /// state. A finished run stays finished: returns false when the run is unknown or already final, or when
    /// <paramref name="coordinatorEpoch"/> is given and the run has been taken over by a later coordinator since.
    /// </summary>
    public async Task<bool> SetStatusAsync(Guid runId, RunState status, string? error = null, int? coordinatorEpoch = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE runs
            SET status = @status,
                error = coalesce(@error, error),
                started_at = CASE WHEN @status = 'running' THEN coalesce(started_at, now()) ELSE started_at END,
                finished_at = CASE WHEN @status IN ('completed', 'failed', 'cancelled') THEN now() ELSE finished_at END
            WHERE run_id = @run_id AND status NOT IN ('completed', 'failed', 'cancelled')
              AND (@epoch::integer IS NULL OR coordinator_epoch = @epoch)
            """);
        command.With("run_id", runId).With("status", StorageNames.Of(status)).With("error", error, NpgsqlTypes.NpgsqlDbType.Text)
            .With("epoch", coordinatorEpoch, NpgsqlTypes.NpgsqlDbType.Integer);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<RunRow?> GetAsync(Guid runId, CancellationToken cancellationToken = default) =>
        dataSource.ReadFirstAsync("SELECT * FROM runs WHERE run_id = @run_id", command => command.With("run_id", runId), ReadRun, cancellationToken);

    /// <summary>Runs whose id starts with <paramref name="prefix"/> (lower-case hex and dashes), newest first, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<RunRow>> FindByIdPrefixAsync(string prefix, int limit, CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync(
            "SELECT * FROM runs WHERE run_id::text LIKE @prefix || '%' ORDER BY submitted_at DESC LIMIT @limit",
            command => command.With("prefix", prefix).With("limit", Math.Clamp(limit, 1, 1000)),
            ReadRun, cancellationToken);

    /// <summary>Runs carrying <paramref name="tag"/>, newest first, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<RunRow>> FindByTagAsync(string tag, int limit, CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync(
            "SELECT * FROM runs WHERE tags @> ARRAY[@tag]::text[] ORDER BY submitted_at DESC LIMIT @limit",
            command => command.With("tag", tag).With("limit", Math.Clamp(limit, 1, 1000)),
            ReadRun, cancellationToken);

    private static RunRow ReadRun(NpgsqlDataReader reader) => new()
    {
        RunId = reader.Get<Guid>("run_id"),
        SuiteName = reader.Get<string>("suite_name"),
        SuiteText = reader.Get<string>("suite_text"),
        SubmittedBy = reader.Get<string>("submitted_by"),
        Status = StorageNames.Parse<RunState>(reader.Get<string>("status")),
        SubmittedAt = reader.Get<DateTimeOffset>("submitted_at"),
        StartedAt = reader.GetNullable<DateTimeOffset>("started_at"),
        FinishedAt = reader.GetNullable<DateTimeOffset>("finished_at"),
        Error = reader.GetNullableString("error"),
        SettingsJson = reader.Get<string>("settings"),
        Tags = reader.Get<string[]>("tags"),
    };
}
