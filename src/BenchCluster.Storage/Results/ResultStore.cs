using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Results;

/// <summary>Stores result aggregates; recomputing a point replaces its row.</summary>
public sealed class ResultStore(NpgsqlDataSource dataSource)
{
    public const string Valid = "VALID";
    public const string Invalid = "INVALID";

    /// <summary>Inserts or replaces the result of (run, point, node).</summary>
    public async Task UpsertAsync(ResultRow result, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO results (run_id, point_key, node_name, model_ref, model_sha256, scenario, parameters, metrics,
                tokens_per_second_mean, tokens_per_second_stddev, cost_usd_per_mtok_input, cost_usd_per_mtok_output,
                cost_usd_per_mtok_blended, verdict, verdict_reasons, provenance, repetitions, watts_configured,
                watts_measured, energy_source, joules_per_output_token, output_tokens_per_joule,
                quality_corpus_name, quality_corpus_sha256, quality_context_tokens, quality_windows,
                quality_scored_tokens, quality_is_synthetic, perplexity, perplexity_error, quality_reference_name,
                quality_reference_sha256, reference_perplexity, reference_perplexity_error, delta_perplexity,
                delta_perplexity_error, kld_mean, kld_mean_error, kld_median, kld_p99, kld_max, top1_agreement,
                top1_agreement_error, quality_task_sha256, quality_task_count, task_accuracy, task_accuracy_error)
            VALUES (@run_id, @point_key, @node_name, @model_ref, @model_sha256, @scenario, @parameters, @metrics,
                @tps_mean, @tps_stddev, @cost_input, @cost_output, @cost_blended, @verdict, @verdict_reasons,
                @provenance, @repetitions, @watts_configured, @watts_measured, @energy_source, @joules_per_output_token,
                @output_tokens_per_joule,
                @quality_corpus_name, @quality_corpus_sha256, @quality_context_tokens, @quality_windows,
                @quality_scored_tokens, @quality_is_synthetic, @perplexity, @perplexity_error,
                @quality_reference_name, @quality_reference_sha256, @reference_perplexity,
                @reference_perplexity_error, @delta_perplexity, @delta_perplexity_error, @kld_mean, @kld_mean_error,
                @kld_median, @kld_p99, @kld_max, @top1_agreement, @top1_agreement_error, @quality_task_sha256,
                @quality_task_count, @task_accuracy, @task_accuracy_error)
            ON CONFLICT (run_id, point_key, node_name) DO UPDATE SET
                model_ref = excluded.model_ref, model_sha256 = excluded.model_sha256, scenario = excluded.scenario,
                parameters = excluded.parameters, metrics = excluded.metrics,
                tokens_per_second_mean = excluded.tokens_per_second_mean,
                tokens_per_second_stddev = excluded.tokens_per_second_stddev,
                cost_usd_per_mtok_input = excluded.cost_usd_per_mtok_input,
                cost_usd_per_mtok_output = excluded.cost_usd_per_mtok_output,
                cost_usd_per_mtok_blended = excluded.cost_usd_per_mtok_blended,
                verdict = excluded.verdict, verdict_reasons = excluded.verdict_reasons,
                provenance = excluded.provenance, repetitions = excluded.repetitions,
                watts_configured = excluded.watts_configured, watts_measured = excluded.watts_measured,
                energy_source = excluded.energy_source, joules_per_output_token = excluded.joules_per_output_token,
                output_tokens_per_joule = excluded.output_tokens_per_joule,
                quality_corpus_name = excluded.quality_corpus_name, quality_corpus_sha256 =
                excluded.quality_corpus_sha256, quality_context_tokens = excluded.quality_context_tokens,
                quality_windows = excluded.quality_windows, quality_scored_tokens = excluded.quality_scored_tokens,
                quality_is_synthetic = excluded.quality_is_synthetic, perplexity = excluded.perplexity,
                perplexity_error = excluded.perplexity_error, quality_reference_name =
                excluded.quality_reference_name, quality_reference_sha256 = excluded.quality_reference_sha256,
                reference_perplexity = excluded.reference_perplexity, reference_perplexity_error =
                excluded.reference_perplexity_error, delta_perplexity = excluded.delta_perplexity,
                delta_perplexity_error = excluded.delta_perplexity_error, kld_mean = excluded.kld_mean,
                kld_mean_error = excluded.kld_mean_error, kld_median = excluded.kld_median, kld_p99 =
                excluded.kld_p99, kld_max = excluded.kld_max, top1_agreement = excluded.top1_agreement,
                top1_agreement_error = excluded.top1_agreement_error, quality_task_sha256 =
                excluded.quality_task_sha256, quality_task_count = excluded.quality_task_count, task_accuracy =
                excluded.task_accuracy, task_accuracy_error = excluded.task_accuracy_error,
                created_at = now()
            """);
        command.With("run_id", result.RunId)
            .With("point_key", result.PointKey)
            .With("node_name", result.NodeName)
            .With("model_ref", result.ModelRef)
            .With("model_sha256", result.ModelSha256, NpgsqlDbType.Text)
            .With("scenario", result.Scenario)
            .WithJson("parameters", result.ParametersJson)
            .WithJson("metrics", result.MetricsJson)
            .With("tps_mean", result.TokensPerSecondMean, NpgsqlDbType.Double)
            .With("tps_stddev", result.TokensPerSecondStddev, NpgsqlDbType.Double)
            .With("cost_input", result.CostUsdPerMTokInput, NpgsqlDbType.Double)
            .With("cost_output", result.CostUsdPerMTokOutput, NpgsqlDbType.Double)
            .With("cost_blended", result.CostUsdPerMTokBlended, NpgsqlDbType.Double)
            .With("verdict", result.IsValid ? Valid : Invalid)
            .With("verdict_reasons", result.VerdictReasons.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .WithJson("provenance", result.ProvenanceJson)
            .With("repetitions", result.Repetitions)
            .With("watts_configured", result.WattsConfigured, NpgsqlDbType.Double)
            .With("watts_measured", result.WattsMeasured, NpgsqlDbType.Double)
            .With("energy_source", result.EnergySource, NpgsqlDbType.Text)
            .With("joules_per_output_token", result.JoulesPerOutputToken, NpgsqlDbType.Double)
            .With("output_tokens_per_joule", result.OutputTokensPerJoule, NpgsqlDbType.Double);
        WithQuality(command, result.Quality);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The quality columns (V011): null on every scenario but quality.</summary>
    private static void WithQuality(NpgsqlCommand command, QualityColumns? q) =>
        command
            .With("quality_corpus_name", q?.CorpusName, NpgsqlDbType.Text)
            .With("quality_corpus_sha256", q?.CorpusSha256, NpgsqlDbType.Text)
            .With("quality_context_tokens", q?.ContextTokens, NpgsqlDbType.Integer)
            .With("quality_windows", q?.Windows, NpgsqlDbType.Integer)
            .With("quality_scored_tokens", q?.ScoredTokens, NpgsqlDbType.Bigint)
            .With("quality_is_synthetic", q?.IsSynthetic, NpgsqlDbType.Boolean)
            .With("perplexity", q?.Perplexity, NpgsqlDbType.Double)
            .With("perplexity_error", q?.PerplexityError, NpgsqlDbType.Double)
            .With("quality_reference_name", q?.ReferenceName, NpgsqlDbType.Text)
            .With("quality_reference_sha256", q?.ReferenceSha256, NpgsqlDbType.Text)
            .With("reference_perplexity", q?.ReferencePerplexity, NpgsqlDbType.Double)
            .With("reference_perplexity_error", q?.ReferencePerplexityError, NpgsqlDbType.Double)
            .With("delta_perplexity", q?.DeltaPerplexity, NpgsqlDbType.Double)
            .With("delta_perplexity_error", q?.DeltaPerplexityError, NpgsqlDbType.Double)
            .With("kld_mean", q?.KlDivergenceMean, NpgsqlDbType.Double)
            .With("kld_mean_error", q?.KlDivergenceMeanError, NpgsqlDbType.Double)
            .With("kld_median", q?.KlDivergenceMedian, NpgsqlDbType.Double)
            .With("kld_p99", q?.KlDivergenceP99, NpgsqlDbType.Double)
            .With("kld_max", q?.KlDivergenceMax, NpgsqlDbType.Double)
            .With("top1_agreement", q?.Top1Agreement, NpgsqlDbType.Double)
            .With("top1_agreement_error", q?.Top1AgreementError, NpgsqlDbType.Double)
            .With("quality_task_sha256", q?.TaskSha256, NpgsqlDbType.Text)
            .With("quality_task_count", q?.TaskCount, NpgsqlDbType.Integer)
            .With("task_accuracy", q?.TaskAccuracy, NpgsqlDbType.Double)
            .With("task_accuracy_error", q?.TaskAccuracyError, NpgsqlDbType.Double);
}
