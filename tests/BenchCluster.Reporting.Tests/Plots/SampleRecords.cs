using BenchCluster.Reporting.Records;
using BenchCluster.Storage.Queries;
using BenchCluster.Storage.Runs;

namespace BenchCluster.Reporting.Tests.Plots;

/// <summary>Result records and run rows as a report receives them, made directly (no database).</summary>
internal static class SampleRecords
{
    public static readonly Guid RunId = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

    public static ResultRecord Micro(string model, string quant, string scenario, int threads, double tokensPerSecond, double? usdPerMTok = null,
        string node = "worker-1", string verdict = "VALID", IReadOnlyList<string>? reasons = null) => new()
    {
        RunId = RunId,
        SuiteName = "demo",
        PointKey = $"{model}-{quant}-{scenario}-{threads}",
        PointLabel = $"{model}/{scenario}[threads={threads}]",
        Model = model,
        ModelFile = $"{model}.{quant}.gguf",
        Quantization = quant,
        Node = node,
        Scenario = scenario,
        ScenarioKind = scenario.StartsWith("pp", StringComparison.Ordinal) ? "pp" : "tg",
        Settings = new ResultSettings { Threads = threads },
        TokensPerSecond = tokensPerSecond,
        TokensPerSecondStdDev = tokensPerSecond * 0.05,
        Repetitions = 3,
        RepetitionsExpected = 3,
        Cost = new ResultCost { UsdPerMTokOutput = usdPerMTok },
        Verdict = verdict,
        VerdictReasons = reasons ?? [],
        Provenance = new ResultProvenance
        {
            CreatedAt = DateTimeOffset.Parse("2026-12-06T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            BenchClusterVersion = "0.9.0", BenchClusterCommit = "abc1234", Engine = "llama.cpp b1234", Backend = "cpu", Cpu = "Test CPU",
        },
    };

    public static ResultRecord Poisson(string model, double rate, double throughput, double ttftP50, double ttftP99, double usdPerMTok) =>
        Micro(model, "Q4_0", "chat", 2, throughput) with
        {
            PointKey = $"{model}-chat-{rate}",
            PointLabel = $"{model}/chat[threads=2,rate={rate}]",
            ScenarioKind = "poisson",
            Settings = new ResultSettings { Threads = 2, Rate = rate },
            TargetRate = rate,
            TtftMs = new LatencySummary { Count = 50, P50 = ttftP50, P99 = ttftP99 },
            TpotMs = new LatencySummary { Count = 50, P50 = 20 + rate, P99 = 30 + 2 * rate },
            ErrorRate = 0,
            Goodput = rate * 0.9,
            Cost = new ResultCost { UsdPerMTokWorkload = usdPerMTok },
        };

    public static RunProgressRow Run(string suite = "demo") => new()
    {
        RunId = RunId,
        SuiteName = suite,
        Status = RunState.Completed,
        SubmittedBy = "alice",
        SubmittedAt = DateTimeOffset.Parse("2026-12-06T00:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
        StartedAt = DateTimeOffset.Parse("2026-12-06T00:59:05Z", System.Globalization.CultureInfo.InvariantCulture),
        FinishedAt = DateTimeOffset.Parse("2026-12-06T01:01:05Z", System.Globalization.CultureInfo.InvariantCulture),
        TotalJobs = 12,
        SucceededJobs = 12,
    };

    public static RequestRow Request(ResultRecord record, int seq, double ttftMs) => new()
    {
        RunId = RunId, JobId = Guid.Empty, PointKey = record.PointKey, Model = record.Model, Scenario = record.Scenario, NodeName = record.Node,
        Repetition = 0, Attempt = 1, Seq = seq, Kind = "Request", IsWarmup = false, Stage = 0, SentNs = 0,
        FirstTokenNs = (long)(ttftMs * 1e6), EndNs = (long)(ttftMs * 1e6) + 1_000_000, TtftMs = ttftMs, E2eMs = ttftMs + 1,
        PromptTokens = 16, OutputTokens = 8, RequestedOutputTokens = 8, Events = 8,
    };
}
