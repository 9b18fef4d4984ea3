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
                watts_measured, energy_source, joules_per_output_token, output_tokens_per_joule)
            VALUES (@run_id, @point_key, @node_name, @model_ref, @model_sha256, @scenario, @parameters, @metrics,
                @tps_mean, @tps_stddev, @cost_input, @cost_output, @cost_blended, @verdict, @verdict_reasons,
                @provenance, @repetitions, @watts_configured, @watts_measured, @energy_source, @joules_per_output_token,
                @output_tokens_per_joule)
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
                output_tokens_per_joule = excluded.output_tokens_per_joule, created_at = now()
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
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
