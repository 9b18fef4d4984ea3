using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Exporting;

/// <summary>
/// Every field of <see cref="ResultRecord"/> as one flat column (docs/outputs.md lists them with units). Lists are
/// joined with "; "; the per-metric list (<see cref="ResultRecord.Metrics"/>) is only in JSON, its headline figures are here.
/// </summary>
public static class ResultCsvColumns
{
    public static IReadOnlyList<Column<ResultRecord>> All { get; } =
    [
        new("run_id", r => r.RunId),
        new("suite_name", r => r.SuiteName),
        new("point_key", r => r.PointKey),
        new("point_label", r => r.PointLabel),
        new("model", r => r.Model),
        new("model_file", r => r.ModelFile),
        new("model_sha256", r => r.ModelSha256),
        new("quantization", r => r.Quantization),
        new("architecture", r => r.Architecture),
        new("is_synthetic", r => r.IsSynthetic),
        new("node", r => r.Node),
        new("device_kind", r => r.DeviceKind),
        new("device_name", r => r.DeviceName),
        new("scenario", r => r.Scenario),
        new("scenario_kind", r => r.ScenarioKind),
        new("threads", r => r.Settings.Threads),
        new("batch_size", r => r.Settings.BatchSize),
        new("ubatch_size", r => r.Settings.MicroBatchSize),
        new("gpu_layers", r => r.Settings.GpuLayers),
        new("kv_type", r => r.Settings.KvType),
        new("flash_attention", r => r.Settings.FlashAttention),
        new("depth", r => r.Settings.Depth),
        new("concurrency", r => r.Settings.Concurrency),
        new("rate", r => r.Settings.Rate),
        new("headline_metric", r => r.HeadlineMetric),
        new("tokens_per_s", r => r.TokensPerSecond),
        new("tokens_per_s_stddev", r => r.TokensPerSecondStdDev),
        new("tokens_per_s_ci_lower", r => r.TokensPerSecondCiLower),
        new("tokens_per_s_ci_upper", r => r.TokensPerSecondCiUpper),
        new("tokens_per_s_cv", r => r.TokensPerSecondCv),
        new("repetitions", r => r.Repetitions),
        new("repetitions_expected", r => r.RepetitionsExpected),
        .. Latency("ttft_ms", r => r.TtftMs),
        .. Latency("tpot_ms", r => r.TpotMs),
        .. Latency("itl_ms", r => r.ItlMs),
        .. Latency("e2el_ms", r => r.E2elMs),
        new("requests_per_s", r => r.RequestsPerSecond),
        new("output_tokens_per_s", r => r.OutputTokensPerSecond),
        new("error_rate", r => r.ErrorRate),
        new("goodput_requests_per_s", r => r.Goodput),
        new("slo_attainment", r => r.SloAttainment),
        new("target_rate", r => r.TargetRate),
        new("usd_per_mtok_input", r => r.Cost.UsdPerMTokInput),
        new("usd_per_mtok_output", r => r.Cost.UsdPerMTokOutput),
        new("usd_per_mtok_blended", r => r.Cost.UsdPerMTokBlended),
        new("usd_per_mtok_workload", r => r.Cost.UsdPerMTokWorkload),
        new("usd_per_request", r => r.Cost.UsdPerRequest),
        new("usd_per_hour", r => r.Cost.UsdPerHour),
        new("cost_basis", r => r.Cost.Basis),
        new("watts", r => r.Energy?.Watts),
        new("watts_source", r => r.Energy?.Source),
        new("watts_configured", r => r.Energy?.ConfiguredWatts),
        new("watts_measured", r => r.Energy?.MeasuredWatts),
        new("watts_measured_source", r => r.Energy?.MeasuredSource),
        new("joules_per_token", r => r.Energy?.JoulesPerToken),
        new("joules_per_output_token", r => r.Energy?.JoulesPerOutputToken),
        new("output_tokens_per_joule", r => r.Energy?.OutputTokensPerJoule),
        new("energy_notes", r => r.Energy is null ? null : Join(r.Energy.Notes)),
        new("verdict", r => r.Verdict),
        new("verdict_reasons", r => Join(r.VerdictReasons)),
        new("verdict_warnings", r => Join(r.VerdictWarnings)),
        new("created_at", r => r.Provenance.CreatedAt),
        new("benchcluster_version", r => r.Provenance.BenchClusterVersion),
        new("benchcluster_commit", r => r.Provenance.BenchClusterCommit),
        new("engine", r => r.Provenance.Engine),
        new("backend", r => r.Provenance.Backend),
        new("cpu", r => r.Provenance.Cpu),
        new("nodes_that_ran", r => Join(r.Provenance.NodesThatRan)),
    ];

    private static IEnumerable<Column<ResultRecord>> Latency(string prefix, Func<ResultRecord, LatencySummary?> latency) =>
    [
        new($"{prefix}_count", r => latency(r)?.Count),
        new($"{prefix}_mean", r => latency(r)?.Mean),
        new($"{prefix}_p50", r => latency(r)?.P50),
        new($"{prefix}_p90", r => latency(r)?.P90),
        new($"{prefix}_p99", r => latency(r)?.P99),
    ];

    private static string? Join(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join("; ", items);
}
