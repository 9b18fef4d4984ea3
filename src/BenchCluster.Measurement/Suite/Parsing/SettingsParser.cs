namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads the suite's settings sections: <c>slo:</c>, <c>validity:</c> and <c>cost:</c>.</summary>
internal static class SettingsParser
{
    private static readonly string[] SloFields = ["ttft_ms", "tpot_ms", "e2el_ms", "attainment"];
    private static readonly string[] ValidityFields =
        ["min_duration_s", "min_samples", "max_cv", "max_error_rate", "output_token_tolerance", "max_rate_shortfall", "max_send_lag_ms", "confidence"];
    private static readonly string[] CostFields = ["usd_per_kwh", "measure_power", "nodes"];
    private static readonly string[] NodeCostFields = ["name", "usd_per_hour", "purchase_usd", "amortization_years", "utilization", "watts"];

    public static SloSpec? Slo(YamlMap root)
    {
        if (root.Map("slo", SloFields) is not { } map)
            return null;
        var slo = new SloSpec
        {
            TtftMs = map.Double("ttft_ms", 0, exclusiveMin: true),
            TpotMs = map.Double("tpot_ms", 0, exclusiveMin: true),
            E2elMs = map.Double("e2el_ms", 0, exclusiveMin: true),
            Attainment = map.Double("attainment", 0, 1, exclusiveMin: true) ?? SloSpec.DefaultAttainment,
        };
        if (!slo.HasBounds && !map.Has("ttft_ms") && !map.Has("tpot_ms") && !map.Has("e2el_ms"))
            map.Values.Errors.Add(map.Node, map.Path, "an slo needs at least one bound: ttft_ms, tpot_ms or e2el_ms");
        return slo;
    }

    public static ValidityThresholds Validity(YamlMap root)
    {
        var d = ValidityThresholds.Default;
        if (root.Map("validity", ValidityFields) is not { } map)
            return d;
        return new ValidityThresholds
        {
            MinDurationSeconds = map.Double("min_duration_s", 0) ?? d.MinDurationSeconds,
            MinSamples = map.Int("min_samples", 1) ?? d.MinSamples,
            MaxCv = map.Double("max_cv", 0) ?? d.MaxCv,
            MaxErrorRate = map.Double("max_error_rate", 0, 1) ?? d.MaxErrorRate,
            OutputTokenTolerance = map.Int("output_token_tolerance", 0) ?? d.OutputTokenTolerance,
            MaxRateShortfall = map.Double("max_rate_shortfall", 0, 1) ?? d.MaxRateShortfall,
            MaxSendLagMs = map.Double("max_send_lag_ms", 0) ?? d.MaxSendLagMs,
            Confidence = map.Double("confidence", 0, 0.999999, exclusiveMin: true) ?? d.Confidence,
        };
    }

    public static CostSpec Cost(YamlMap root)
    {
        if (root.Map("cost", CostFields) is not { } map)
            return CostSpec.Default;
        var nodes = new List<NodeCostSpec>();
        foreach (var (node, path) in map.Items("nodes") ?? [])
        {
            if (YamlMap.Open(node, path, map.Values, NodeCostFields) is not { } entry)
                continue;
            nodes.Add(new NodeCostSpec
            {
                NamePattern = entry.String("name") ?? "*",
                UsdPerHour = entry.Double("usd_per_hour", 0),
                PurchaseUsd = entry.Double("purchase_usd", 0),
                AmortizationYears = entry.Double("amortization_years", 0, exclusiveMin: true) ?? 3,
                Utilization = entry.Double("utilization", 0, 1, exclusiveMin: true) ?? 1,
                Watts = entry.Double("watts", 0),
            });
        }
        return new CostSpec
        {
            UsdPerKwh = map.Double("usd_per_kwh", 0) ?? 0,
            MeasurePower = map.Bool("measure_power") ?? true,
            Nodes = nodes,
        };
    }
}
