using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Jobs;

/// <summary>
/// Jobs of a run and their dispatch. Every change a worker causes is fenced by (job, attempt): it applies only while
/// that attempt is the job's current one and still running, so a worker that was given up on (killed, hung,
/// partitioned) cannot overwrite its successor. Each method returns whether it applied.
/// </summary>
public sealed class JobStore(NpgsqlDataSource dataSource)
{
    private const string FencedByAttempt = "job_id = @job_id AND attempt = @attempt AND status = 'running'";

    /// <summary>Inserts the jobs that do not exist yet (by id or by identity); returns how many were new.</summary>
    public async Task<int> InsertAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken = default)
    {
        if (jobs.Count == 0)
            return 0;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO jobs (job_id, run_id, point_key, node_name, repetition, spec, model_ref, scenario)
            SELECT j.job_id, j.run_id, j.point_key, j.node_name, j.repetition, j.spec::jsonb, j.model_ref, j.scenario
            FROM unnest(@job_ids, @run_ids, @point_keys, @node_names, @repetitions, @specs, @model_refs, @scenarios)
                 AS j(job_id, run_id, point_key, node_name, repetition, spec, model_ref, scenario)
            ON CONFLICT DO NOTHING
            """);
        command.With("job_ids", jobs.Select(j => j.JobId).ToArray())
            .With("run_ids", jobs.Select(j => j.RunId).ToArray())
            .With("point_keys", jobs.Select(j => j.PointKey).ToArray())
            .With("node_names", jobs.Select(j => j.NodeName).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .With("repetitions", jobs.Select(j => j.Repetition).ToArray())
            .With("specs", jobs.Select(j => j.SpecJson).ToArray())
            .With("model_refs", jobs.Select(j => j.ModelRef).ToArray())
            .With("scenarios", jobs.Select(j => j.Scenario).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Dispatches the job to <paramref name="nodeName"/>: starts a new attempt and returns its number, which the
    /// worker passes with every write. Re-claiming a running job (its worker is presumed dead) fences that worker
    /// out. Returns null when the job is unknown or already final.
    /// </summary>
    public async Task<int?> ClaimAsync(Guid jobId, string nodeName, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE jobs
            SET attempt = attempt + 1, status = 'running', assigned_node = @node_name, started_at = now(), finished_at = NULL
            WHERE job_id = @job_id AND status IN ('pending', 'running')
            RETURNING attempt
            """);
        command.With("job_id", jobId).With("node_name", nodeName);
        return await command.ExecuteScalarAsync(cancellationToken) is int attempt ? attempt : null;
    }

    /// <summary>
    /// <see cref="ClaimAsync(Guid, string, CancellationToken)"/> for several jobs in one statement (jobs are distinct),
    /// each only while its run's coordinator epoch is still the claim's (<see cref="Runs.RunLeases"/>): a coordinator
    /// that was taken over claims nothing. The run rows are share-locked for the statement, so a takeover waits for
    /// it or it sees the takeover. Returns, per claim, the new attempt (null when the job is unknown or final) and
    /// whether the epoch still held.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, JobClaimResult>> ClaimAsync(IReadOnlyList<JobClaim> claims, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH c AS (SELECT * FROM unnest(@job_ids, @node_names, @run_ids, @epochs) AS c(job_id, node_name, run_id, epoch)),
            owned AS (SELECT run_id, coordinator_epoch FROM runs WHERE run_id = ANY(@run_ids) FOR SHARE),
            claimed AS (
                UPDATE jobs AS j
                SET attempt = j.attempt + 1, status = 'running', assigned_node = c.node_name, started_at = now(), finished_at = NULL
                FROM c JOIN owned o ON o.run_id = c.run_id AND o.coordinator_epoch = c.epoch
                WHERE j.job_id = c.job_id AND j.run_id = c.run_id AND j.status IN ('pending', 'running')
                RETURNING j.job_id, j.attempt)
            SELECT c.job_id, claimed.attempt, coalesce(o.coordinator_epoch = c.epoch, false)
            FROM c LEFT JOIN claimed ON claimed.job_id = c.job_id LEFT JOIN owned o ON o.run_id = c.run_id
            """);
        command.With("job_ids", claims.Select(c => c.JobId).ToArray())
            .With("node_names", claims.Select(c => c.NodeName).ToArray())
            .With("run_ids", claims.Select(c => c.RunId).ToArray())
            .With("epochs", claims.Select(c => c.CoordinatorEpoch).ToArray());
        var results = new Dictionary<Guid, JobClaimResult>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            results[reader.GetGuid(0)] = new JobClaimResult(reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetBoolean(2));
        return results;
    }

    /// <summary>Marks the attempt succeeded, keeping what it measured besides samples; false when it is no longer the current running attempt.</summary>
    public Task<bool> MarkSucceededAsync(Guid jobId, int attempt, string? measurementJson = null, CancellationToken cancellationToken = default) =>
        FinishAsync(jobId, attempt, JobState.Succeeded, null, measurementJson, cancellationToken);

    /// <summary>Marks the job failed for good; false when the attempt is no longer the current running one.</summary>
    public Task<bool> MarkFailedAsync(Guid jobId, int attempt, string error, string? measurementJson = null, CancellationToken cancellationToken = default) =>
        FinishAsync(jobId, attempt, JobState.Failed, error, measurementJson, cancellationToken);

    /// <summary>Hands a failed attempt's job back to Pending for another dispatch; false when the attempt is stale.</summary>
    public Task<bool> RequeueAsync(Guid jobId, int attempt, string error, CancellationToken cancellationToken = default) =>
        FinishAsync(jobId, attempt, JobState.Pending, error, null, cancellationToken);

    /// <summary>
    /// Turns the attempt's stored success into a failure when it has no measured sample (nothing was measured, so it
    /// must not count); false when the attempt moved on or it does have samples.
    /// </summary>
    public async Task<bool> FailEmptySuccessAsync(Guid jobId, int attempt, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE jobs SET status = 'failed', last_error = @error
            WHERE job_id = @job_id AND attempt = @attempt AND status = 'succeeded'
              AND NOT EXISTS (SELECT FROM samples s WHERE s.job_id = @job_id AND s.attempt = @attempt AND NOT s.is_warmup)
            """);
        command.With("job_id", jobId).With("attempt", attempt).With("error", error);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Cancels every job of the run that has not finished; returns how many.</summary>
    public async Task<int> CancelRunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE jobs SET status = 'cancelled', finished_at = now()
            WHERE run_id = @run_id AND status IN ('pending', 'running')
            """);
        command.With("run_id", runId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<JobRow?> GetAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        dataSource.ReadFirstAsync("SELECT * FROM jobs WHERE job_id = @id", command => command.With("id", jobId), ReadJob, cancellationToken);

    /// <summary>Every job of a run, in a stable order (point, node, repetition), e.g. to resume it.</summary>
    public Task<IReadOnlyList<JobRow>> ListAsync(Guid runId, CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync("SELECT * FROM jobs WHERE run_id = @id ORDER BY point_key, node_name NULLS FIRST, repetition",
            command => command.With("id", runId), ReadJob, cancellationToken);

    /// <summary>The jobs of one result: a point's repetitions on a node slot, in repetition order.</summary>
    public Task<IReadOnlyList<JobRow>> ListAsync(Guid runId, string pointKey, string nodeName, CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync("SELECT * FROM jobs WHERE run_id = @id AND point_key = @point AND node_name = @node ORDER BY repetition",
            command => command.With("id", runId).With("point", pointKey).With("node", nodeName), ReadJob, cancellationToken);

    /// <summary>Each point's scenario kind and token counts, read from one of its jobs' spec.</summary>
    public Task<IReadOnlyList<PointScenarioRow>> ListPointScenariosAsync(Guid runId, CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync("""
            SELECT DISTINCT ON (point_key) point_key,
                   spec->'scenario'->>'kind' AS kind,
                   (spec->'scenario'->>'promptTokens')::integer AS prompt_tokens,
                   (spec->'scenario'->>'outputTokens')::integer AS output_tokens,
                   coalesce((spec->'parameters'->>'depth')::integer, 0) AS depth
            FROM jobs WHERE run_id = @id ORDER BY point_key
            """,
            command => command.With("id", runId),
            reader => new PointScenarioRow
            {
                PointKey = reader.Get<string>("point_key"),
                Kind = reader.GetNullableString("kind") ?? "",
                PromptTokens = reader.GetNullable<int>("prompt_tokens"),
                OutputTokens = reader.GetNullable<int>("output_tokens"),
                Depth = reader.Get<int>("depth"),
            },
            cancellationToken);

    private async Task<bool> FinishAsync(Guid jobId, int attempt, JobState status, string? error, string? measurementJson, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE jobs
            SET status = @status, last_error = @error, measurement = @measurement::jsonb,
                finished_at = CASE WHEN @status = 'pending' THEN NULL ELSE now() END
            WHERE {FencedByAttempt}
            """);
        command.With("job_id", jobId).With("attempt", attempt)
            .With("status", StorageNames.Of(status)).With("error", error, NpgsqlDbType.Text)
            .With("measurement", measurementJson, NpgsqlDbType.Text);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static JobRow ReadJob(NpgsqlDataReader reader) => new()
    {
        JobId = reader.Get<Guid>("job_id"),
        RunId = reader.Get<Guid>("run_id"),
        PointKey = reader.Get<string>("point_key"),
        NodeName = reader.GetNullableString("node_name"),
        Repetition = reader.Get<int>("repetition"),
        SpecJson = reader.Get<string>("spec"),
        ModelRef = reader.Get<string>("model_ref"),
        Scenario = reader.Get<string>("scenario"),
        Status = StorageNames.Parse<JobState>(reader.Get<string>("status")),
        Attempt = reader.Get<int>("attempt"),
        AssignedNode = reader.GetNullableString("assigned_node"),
        LastError = reader.GetNullableString("last_error"),
        MeasurementJson = reader.GetNullableString("measurement"),
        QueuedAt = reader.Get<DateTimeOffset>("queued_at"),
        StartedAt = reader.GetNullable<DateTimeOffset>("started_at"),
        FinishedAt = reader.GetNullable<DateTimeOffset>("finished_at"),
    };
}
