using System.Text.Json;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Provenance;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Records;

/// <summary>
/// Builds the complete result model from a row of v_results: the view's identity columns, the stored point result
/// (metrics JSON) for every metric at full precision, and the provenance JSON.
/// </summary>
public static class ResultRecordFactory
{
    /// <summary>The records of the views, each speed result with its model file's quality beside it (<see cref="QualityJoin"/>).</summary>
    public static IReadOnlyList<ResultRecord> FromViews(IEnumerable<ResultView> views) => QualityJoin.Attach(views.Select(FromView).ToList());

    public static ResultRecord FromView(ResultView view)
    {
        var point = TryReadPoint(view.MetricsJson);
        var headline = point?.Headline;
        var headlineName = point is null ? null : MetricNames.Headline(point.Kind);
        var headlineStats = headlineName is null ? null : headline?.Metric(headlineName)?.Statistics;
        var tokensPerSecond = headlineStats?.Mean ?? view.TokensPerSecondMean;
        var cost = point?.Cost;
        var label = point?.Point.Label ?? $"{view.ModelName}/{view.Scenario}";
        return new ResultRecord
        {
            RunId = view.RunId,
            SuiteName = view.SuiteName,
            PointKey = view.PointKey,
            PointLabel = label,
            Model = view.ModelName,
            ModelFile = view.Model,
            ModelSha256 = view.ModelSha256,
            Quantization = view.Quantization,
            Architecture = view.Architecture,
            IsSynthetic = view.IsSynthetic,
            Node = view.NodeName,
            DeviceKind = view.DeviceKind,
            DeviceName = view.DeviceName,
            Scenario = view.Scenario,
            ScenarioKind = point is null ? "" : ScenarioKinds.Name(point.Kind),
            Settings = Settings(point, view),
            HeadlineMetric = headlineName,
            TokensPerSecond = tokensPerSecond,
            TokensPerSecondStdDev = headlineStats?.StdDev ?? view.TokensPerSecondStddev,
            TokensPerSecondCiLower = headlineStats?.CiLower,
            TokensPerSecondCiUpper = headlineStats?.CiUpper,
            TokensPerSecondCv = headlineStats?.Cv,
            Repetitions = view.Repetitions,
            RepetitionValues = point?.HeadlineValues,
            RepetitionsExpected = point?.RepetitionsExpected,
            TtftMs = Latency(headline, MetricNames.TtftMs),
            TpotMs = Latency(headline, MetricNames.TpotMs),
            ItlMs = Latency(headline, MetricNames.ItlMs),
            E2elMs = Latency(headline, MetricNames.E2elMs),
            TtfoMs = Latency(headline, MetricNames.TtfoMs),
            ReasoningTokensMean = headline?.Mean(MetricNames.ReasoningTokens),
            AnswerTokensMean = headline?.Mean(MetricNames.AnswerTokens),
            RequestsPerSecond = headline?.Mean(MetricNames.RequestThroughput),
            OutputTokensPerSecond = headline?.Mean(MetricNames.OutputTokenThroughput),
            ErrorRate = headline?.Mean(MetricNames.ErrorRate),
            Goodput = headline?.Mean(MetricNames.Goodput),
            SloAttainment = headline?.Mean(MetricNames.SloAttainment),
            TargetRate = headline?.TargetRate,
            Cost = new ResultCost
            {
                UsdPerMTokInput = cost?.InputUsdPerMillion ?? view.UsdPerMTokInput,
                UsdPerMTokOutput = cost?.OutputUsdPerMillion ?? view.UsdPerMTokOutput,
                UsdPerMTokBlended = cost?.BlendedUsdPerMillion ?? view.UsdPerMTokBlended,
                UsdPerMTokWorkload = cost?.WorkloadUsdPerMillion,
                UsdPerRequest = cost?.UsdPerRequest,
                UsdPerHour = cost?.UsdPerHour,
                Basis = NullIfEmpty(cost?.Basis),
            },
            Energy = point?.Energy is { } energy ? ResultEnergy.From(energy) : StoredBeforeEnergy(cost, tokensPerSecond),
            Quality = point?.Quality is { } quality ? ResultQuality.From(quality, view.PointKey, label) : null,
            Verdict = view.Verdict,
            VerdictReasons = point?.Verdict.Reasons ?? Split(view.VerdictReasons),
            VerdictWarnings = point?.Verdict.Warnings ?? [],
            Provenance = Provenance(view),
            Metrics = Metrics(point),
        };
    }

    private static PointResult? TryReadPoint(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || json == "{}")
            return null;
        try
        {
            return MeasurementJson.Deserialize<PointResult>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ResultSettings Settings(PointResult? point, ResultView view)
    {
        if (point is null)
        {
            return new ResultSettings
            {
                Threads = view.Threads, BatchSize = view.BatchSize, MicroBatchSize = view.MicroBatchSize, GpuLayers = view.GpuLayers,
                Depth = view.Depth ?? 0, Concurrency = view.Concurrency, Rate = view.Rate,
            };
        }
        var p = point.Parameters;
        return new ResultSettings
        {
            Threads = p.Threads,
            BatchSize = p.BatchSize,
            MicroBatchSize = p.MicroBatchSize,
            GpuLayers = p.GpuLayers,
            KvType = p.KvType?.ToString().ToLowerInvariant(),
            FlashAttention = p.FlashAttention?.ToString().ToLowerInvariant(),
            Depth = p.Depth,
            Concurrency = p.Concurrency,
            Rate = p.Rate,
        };
    }

    private static LatencySummary? Latency(StageResult? stage, string name) =>
        stage?.Metric(name)?.Statistics is { N: > 0 } s
            ? new LatencySummary { Count = s.N, Mean = s.Mean, P50 = s.Median, P90 = s.P90, P99 = s.P99 }
            : null;

    /// <summary>Results stored before the energy breakdown was kept have only the power that priced them.</summary>
    private static ResultEnergy? StoredBeforeEnergy(Measurement.Cost.CostBreakdown? cost, double? tokensPerSecond) =>
        cost?.Watts is { } watts && cost.WattsSource != Measurement.Cost.PowerSources.None
            ? new ResultEnergy
            {
                Watts = watts,
                Source = cost.WattsSource,
                ConfiguredWatts = cost.WattsSource == Measurement.Cost.PowerSources.Configured ? watts : null,
                MeasuredWatts = Measurement.Cost.PowerSources.IsMeasured(cost.WattsSource) ? watts : null,
                JoulesPerToken = Measurement.Cost.CostModel.JoulesPerToken(watts, tokensPerSecond),
            }
            : null;

    private static List<MetricValue> Metrics(PointResult? point)
    {
        if (point is null)
            return [];
        var stage = point.Headline?.Metrics ?? [];
        return stage.Concat(point.PointMetrics).Select(m => ToValue(m.Name, m.Unit, m.Pooling, m.Statistics)).ToList();
    }

    private static MetricValue ToValue(string name, string unit, MetricPooling pooling, MetricStatistics s) => new()
    {
        Name = name,
        Unit = unit,
        Pooling = pooling.ToString(),
        N = s.N,
        Mean = s.Mean,
        StdDev = s.StdDev,
        P50 = s.Median,
        P90 = s.P90,
        P99 = s.P99,
        CiLower = s.CiLower,
        CiUpper = s.CiUpper,
    };

    private static ResultProvenance Provenance(ResultView view)
    {
        var provenance = new ResultProvenance { CreatedAt = view.CreatedAt };
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(view.ProvenanceJson) ? "{}" : view.ProvenanceJson);
            var root = document.RootElement;
            var nodes = root.TryGetProperty("nodesThatRan", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => e.GetString() ?? "").Where(s => s.Length > 0).ToList()
                : [];
            var first = root.TryGetProperty("repetitions", out var reps) && reps.ValueKind == JsonValueKind.Array && reps.GetArrayLength() > 0
                ? reps[0] : (JsonElement?)null;
            var background = Activities(root, "otherCpuPercent");
            var switches = Activities(root, "involuntarySwitches");
            return provenance with
            {
                NodesThatRan = nodes,
                BenchClusterVersion = Text(first, "benchClusterVersion"),
                BenchClusterCommit = Text(first, "benchClusterCommit"),
                Engine = EngineText(first),
                Backend = Text(first, "backend", "kind"),
                Cpu = Text(first, "machine", "cpuModel"),
                BackgroundCpuPercent = background.Count > 0 ? background.Max() : null,
                EngineInvoluntarySwitches = switches.Count > 0 ? (long)switches.Sum() : null,
            };
        }
        catch (JsonException)
        {
            return provenance;
        }
    }

    /// <summary>One number of every repetition's measured-window activity over a window long enough to mean something.</summary>
    private static IReadOnlyList<double> Activities(JsonElement root, string name) =>
        root.TryGetProperty("repetitions", out var reps) && reps.ValueKind == JsonValueKind.Array
            ? reps.EnumerateArray()
                .Select(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("activity", out var a) && a.ValueKind == JsonValueKind.Object
                             && Number(a, "windowSeconds") >= MeasuredWindowActivity.MinimumWindowSeconds ? Number(a, name) : null)
                .OfType<double>()
                .ToList()
            : [];

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? EngineText(JsonElement? repetition)
    {
        var engine = Text(repetition, "engine", "engine");
        var version = Text(repetition, "engine", "version");
        return engine is null && version is null ? null : string.Join(' ', new[] { engine, version }.Where(s => s is not null));
    }

    private static string? Text(JsonElement? element, params string[] path)
    {
        if (element is not { } current)
            return null;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }
        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }

    private static IReadOnlyList<string> Split(string reasons) =>
        string.IsNullOrWhiteSpace(reasons) ? [] : reasons.Split("; ", StringSplitOptions.RemoveEmptyEntries);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
