using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Tests.Comparing;

/// <summary>Result records with chosen per-repetition headlines, as two runs of the same suite would give them.</summary>
internal static class ComparisonRecords
{
    public static readonly ComparedRun BaseRun = new() { RunId = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001"), Reference = "main" };
    public static readonly ComparedRun NewRun = new() { RunId = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002"), Reference = "pr-1" };

    public static ResultRecord Record(string point, IReadOnlyList<double>? values, string node = "worker-1", double? mean = null,
        LatencySummary? ttft = null) => new()
    {
        RunId = Guid.NewGuid(),
        SuiteName = "suite",
        PointKey = "key-" + point,
        PointLabel = "tiny/" + point,
        Model = "tiny",
        ModelFile = "tiny.Q8_0.gguf",
        Node = node,
        Scenario = point,
        ScenarioKind = "tg",
        Settings = new ResultSettings { Threads = 2 },
        HeadlineMetric = "tokens_per_s",
        TokensPerSecond = mean ?? values?.Average(),
        Repetitions = values?.Count ?? 3,
        RepetitionValues = values,
        TtftMs = ttft,
        Cost = new ResultCost(),
        Verdict = "VALID",
        Provenance = new ResultProvenance { CreatedAt = DateTimeOffset.UnixEpoch },
    };

    public static ComparisonReport Compare(IReadOnlyList<ResultRecord> baseRecords, IReadOnlyList<ResultRecord> newRecords, ComparisonOptions? options = null) =>
        RunComparer.Compare(BaseRun, baseRecords, NewRun, newRecords, options);
}
