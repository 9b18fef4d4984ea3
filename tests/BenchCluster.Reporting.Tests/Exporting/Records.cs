using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Tests.Exporting;

/// <summary>Result records for the exporter tests: a request-level point with every figure and a pp point without a price.</summary>
internal static class Records
{
    public static ResultRecord RequestLevel(string model = "qwen", string reason = "CV 12 % > max_cv 10 %, \"noisy\"\nrerun") => new()
    {
        RunId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        SuiteName = "suite",
        PointKey = "0123456789abcdef",
        PointLabel = $"{model}/chat[threads=2,concurrency=4]",
        Model = model,
        ModelFile = "qwen.Q4_K_M.gguf",
        ModelSha256 = new string('a', 64),
        Quantization = "Q4_K_M",
        Node = "worker-1",
        DeviceKind = "cpu",
        Scenario = "chat",
        ScenarioKind = "concurrency",
        Settings = new ResultSettings { Threads = 2, Concurrency = 4 },
        HeadlineMetric = "output_token_throughput",
        TokensPerSecond = 42.5,
        TokensPerSecondStdDev = 1.25,
        Repetitions = 3,
        RepetitionsExpected = 3,
        TtftMs = new LatencySummary { Count = 30, Mean = 21, P50 = 20, P90 = 35, P99 = 48.5 },
        TpotMs = new LatencySummary { Count = 30, Mean = 6, P50 = 5.5, P90 = 7, P99 = 9 },
        ItlMs = new LatencySummary { Count = 300, Mean = 6, P50 = 5, P90 = 8, P99 = 12 },
        E2elMs = new LatencySummary { Count = 30, Mean = 210, P50 = 200, P90 = 260, P99 = 300 },
        ErrorRate = 0.1,
        Goodput = 2.5,
        Cost = new ResultCost { UsdPerMTokWorkload = 1.25, UsdPerRequest = 0.001, UsdPerHour = 0.5, Basis = "goodput within SLO" },
        Energy = new ResultEnergy
        {
            Watts = 60, Source = "measured:rapl:package-0", ConfiguredWatts = 80, MeasuredWatts = 60, MeasuredSource = "rapl:package-0",
            JoulesPerToken = 60 / 42.5, JoulesPerOutputToken = 60 / 42.5, OutputTokensPerJoule = 42.5 / 60,
            Notes = ["nvml: libnvidia-ml.so.1 could not be loaded"],
        },
        Verdict = "INVALID",
        VerdictReasons = [reason],
        Provenance = new ResultProvenance { CreatedAt = DateTimeOffset.Parse("2026-12-06T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), NodesThatRan = ["worker-1"] },
        Metrics = [new MetricValue { Name = "ttft_ms", Unit = "ms", Pooling = "PerRequest", N = 30, Mean = 21, P50 = 20, P90 = 35, P99 = 48.5 }],
    };

    /// <summary>A pp result of a suite without a cost section: every price unknown.</summary>
    public static ResultRecord Unpriced() => RequestLevel() with
    {
        PointKey = "fedcba9876543210",
        PointLabel = "qwen/pp512[threads=2]",
        Scenario = "pp512",
        ScenarioKind = "pp",
        Settings = new ResultSettings { Threads = 2 },
        HeadlineMetric = "tokens_per_s",
        TokensPerSecond = 225,
        TtftMs = null,
        TpotMs = null,
        ItlMs = null,
        E2elMs = null,
        ErrorRate = null,
        Goodput = null,
        Cost = new ResultCost(),
        Energy = null,
        Verdict = "VALID",
        VerdictReasons = [],
        Metrics = [],
    };
}
