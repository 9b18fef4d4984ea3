using BenchCluster.Storage.Runs;
using BenchCluster.Storage.Results;
using Npgsql;

namespace BenchCluster.Storage.Queries;

/// <summary>What the CLI and the HTTP API show: runs with their progress and results, read from the views.</summary>
public sealed class ResultQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The newest runs first.</summary>
    public Task<IReadOnlyList<RunProgressRow>> ListRunsAsync(int limit = 20, CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync("SELECT * FROM v_run_progress ORDER BY submitted_at DESC, run_id LIMIT @limit",
            command => command.With("limit", limit), ReadProgress, cancellationToken);

    public Task<RunProgressRow?> GetProgressAsync(Guid runId, CancellationToken cancellationToken = default) =>
        dataSource.ReadFirstAsync("SELECT * FROM v_run_progress WHERE run_id = @run_id",
            command => command.With("run_id", runId), ReadProgress, cancellationToken);

    /// <summary>The results of one run, fastest first within each scenario.</summary>
    public Task<IReadOnlyList<ResultView>> GetResultsAsync(Guid runId, CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync("""
            SELECT * FROM v_results WHERE run_id = @run_id
            ORDER BY scenario, tokens_per_second_mean DESC NULLS LAST, model, node_name, point_key
            """, command => command.With("run_id", runId), ReadResult, cancellationToken);

    /// <summary>The newest result of every model × node × scenario × parameters, across runs.</summary>
    public Task<IReadOnlyList<ResultView>> GetLatestResultsAsync(CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync("""
            SELECT * FROM v_latest_results
            ORDER BY scenario, tokens_per_second_mean DESC NULLS LAST, model, node_name, point_key
            """, _ => { }, ReadResult, cancellationToken);

    /// <summary>
    /// Results that match every given filter (null = any), fastest first within each scenario, at most
    /// <paramref name="limit"/>. With a run, that run's results; without, the newest result of every point on every node.
    /// A model matches by the suite's name or the file name; <paramref name="since"/> compares the result's creation time.
    /// </summary>
    public Task<IReadOnlyList<ResultView>> FindResultsAsync(
        Guid? runId, string? model, string? node, string? scenario, string? verdict, DateTimeOffset? since, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var view = runId is null ? "v_latest_results" : "v_results";
        return dataSource.ReadAllAsync($"""
            SELECT * FROM {view}
            WHERE (@run_id::uuid IS NULL OR run_id = @run_id::uuid)
              AND (@model::text IS NULL OR model_name = @model::text OR model = @model::text)
              AND (@node::text IS NULL OR node_name = @node::text)
              AND (@scenario::text IS NULL OR scenario = @scenario::text)
              AND (@verdict::text IS NULL OR verdict = @verdict::text)
              AND (@since::timestamptz IS NULL OR created_at >= @since::timestamptz)
            ORDER BY scenario, tokens_per_second_mean DESC NULLS LAST, model, node_name, point_key
            LIMIT @limit
            """, command => command.With("run_id", runId).With("model", model).With("node", node).With("scenario", scenario)
                .With("verdict", verdict).With("since", since).With("limit", limit), ReadResult, cancellationToken);
    }

    /// <summary>
    /// The quality points (rows with a perplexity) of a run, or the newest of every point without one, optionally on one
    /// node, at most <paramref name="limit"/>: what a filtered listing joins beside its speed rows.
    /// </summary>
    public Task<IReadOnlyList<ResultView>> FindQualityResultsAsync(Guid? runId, string? node, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var view = runId is null ? "v_latest_results" : "v_results";
        return dataSource.ReadAllAsync($"""
            SELECT * FROM {view}
            WHERE perplexity IS NOT NULL
              AND (@run_id::uuid IS NULL OR run_id = @run_id::uuid)
              AND (@node::text IS NULL OR node_name = @node::text)
            ORDER BY model, node_name, point_key
            LIMIT @limit
            """, command => command.With("run_id", runId).With("node", node).With("limit", limit), ReadResult, cancellationToken);
    }

    private static QualityColumns? ReadQuality(NpgsqlDataReader reader) =>
        reader.GetNullable<double>("perplexity") is not { } perplexity ? null : new QualityColumns
        {
            CorpusName = reader.GetNullableString("quality_corpus_name") ?? "",
            CorpusSha256 = reader.GetNullableString("quality_corpus_sha256") ?? "",
            ContextTokens = reader.GetNullable<int>("quality_context_tokens") ?? 0,
            Windows = reader.GetNullable<int>("quality_windows") ?? 0,
            ScoredTokens = reader.GetNullable<long>("quality_scored_tokens") ?? 0,
            IsSynthetic = reader.GetNullable<bool>("quality_is_synthetic") ?? false,
            Perplexity = perplexity,
            PerplexityError = reader.GetNullable<double>("perplexity_error") ?? double.NaN,
            ReferenceName = reader.GetNullableString("quality_reference_name"),
            ReferenceSha256 = reader.GetNullableString("quality_reference_sha256"),
            ReferencePerplexity = reader.GetNullable<double>("reference_perplexity"),
            ReferencePerplexityError = reader.GetNullable<double>("reference_perplexity_error"),
            DeltaPerplexity = reader.GetNullable<double>("delta_perplexity"),
            DeltaPerplexityError = reader.GetNullable<double>("delta_perplexity_error"),
            KlDivergenceMean = reader.GetNullable<double>("kld_mean"),
            KlDivergenceMeanError = reader.GetNullable<double>("kld_mean_error"),
            KlDivergenceMedian = reader.GetNullable<double>("kld_median"),
            KlDivergenceP99 = reader.GetNullable<double>("kld_p99"),
            KlDivergenceMax = reader.GetNullable<double>("kld_max"),
            Top1Agreement = reader.GetNullable<double>("top1_agreement"),
            Top1AgreementError = reader.GetNullable<double>("top1_agreement_error"),
            TaskSha256 = reader.GetNullableString("quality_task_sha256"),
            TaskCount = reader.GetNullable<int>("quality_task_count"),
            TaskAccuracy = reader.GetNullable<double>("task_accuracy"),
            TaskAccuracyError = reader.GetNullable<double>("task_accuracy_error"),
        };

    private static RunProgressRow ReadProgress(NpgsqlDataReader reader) => new()
    {
        RunId = reader.Get<Guid>("run_id"),
        SuiteName = reader.Get<string>("suite_name"),
        Status = StorageNames.Parse<RunState>(reader.Get<string>("status")),
        SubmittedBy = reader.Get<string>("submitted_by"),
        SubmittedAt = reader.Get<DateTimeOffset>("submitted_at"),
        StartedAt = reader.GetNullable<DateTimeOffset>("started_at"),
        FinishedAt = reader.GetNullable<DateTimeOffset>("finished_at"),
        TotalJobs = reader.Get<int>("total_jobs"),
        PendingJobs = reader.Get<int>("pending_jobs"),
        RunningJobs = reader.Get<int>("running_jobs"),
        SucceededJobs = reader.Get<int>("succeeded_jobs"),
        FailedJobs = reader.Get<int>("failed_jobs"),
        CancelledJobs = reader.Get<int>("cancelled_jobs"),
        Retries = reader.Get<int>("retries"),
        PercentDone = reader.GetNullable<double>("percent_done"),
        Error = reader.GetNullableString("error"),
    };

    private static ResultView ReadResult(NpgsqlDataReader reader) => new()
    {
        RunId = reader.Get<Guid>("run_id"),
        SuiteName = reader.Get<string>("suite_name"),
        PointKey = reader.Get<string>("point_key"),
        Model = reader.Get<string>("model"),
        ModelName = reader.Get<string>("model_name"),
        ModelSha256 = reader.GetNullableString("model_sha256"),
        Quantization = reader.GetNullableString("quantization"),
        Architecture = reader.GetNullableString("architecture"),
        IsSynthetic = reader.GetNullable<bool>("is_synthetic"),
        NodeName = reader.Get<string>("node_name"),
        DeviceKind = reader.GetNullableString("device_kind"),
        DeviceName = reader.GetNullableString("device_name"),
        Scenario = reader.Get<string>("scenario"),
        Threads = reader.GetNullable<int>("threads"),
        BatchSize = reader.GetNullable<int>("batch_size"),
        MicroBatchSize = reader.GetNullable<int>("ubatch_size"),
        GpuLayers = reader.GetNullable<int>("gpu_layers"),
        Depth = reader.GetNullable<int>("depth"),
        Concurrency = reader.GetNullable<int>("concurrency"),
        Rate = reader.GetNullable<double>("rate"),
        TokensPerSecondMean = reader.GetNullable<double>("tokens_per_second_mean"),
        TokensPerSecondStddev = reader.GetNullable<double>("tokens_per_second_stddev"),
        UsdPerMTokInput = reader.GetNullable<double>("usd_per_mtok_input"),
        UsdPerMTokOutput = reader.GetNullable<double>("usd_per_mtok_output"),
        UsdPerMTokBlended = reader.GetNullable<double>("usd_per_mtok_blended"),
        WattsConfigured = reader.GetNullable<double>("watts_configured"),
        WattsMeasured = reader.GetNullable<double>("watts_measured"),
        EnergySource = reader.GetNullableString("energy_source"),
        JoulesPerOutputToken = reader.GetNullable<double>("joules_per_output_token"),
        OutputTokensPerJoule = reader.GetNullable<double>("output_tokens_per_joule"),
        Quality = ReadQuality(reader),
        Verdict = reader.Get<string>("verdict"),
        VerdictReasons = reader.Get<string>("verdict_reasons"),
        Repetitions = reader.Get<int>("repetitions"),
        CreatedAt = reader.Get<DateTimeOffset>("created_at"),
        ParametersJson = reader.Get<string>("parameters"),
        MetricsJson = reader.Get<string>("metrics"),
        ProvenanceJson = reader.Get<string>("provenance"),
    };
}
