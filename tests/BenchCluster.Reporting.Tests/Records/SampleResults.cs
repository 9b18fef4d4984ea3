using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Tests.Records;

/// <summary>Stored results as v_results returns them, built from point results the way the coordinator stores them.</summary>
internal static class SampleResults
{
    public static MetricSummary Metric(string name, string unit, MetricPooling pooling, params double[] values) =>
        new(name, unit, pooling, StatisticsCalculator.Compute(values, 0.95));

    public static PointResult Point(ScenarioKind kind, string scenario, JobParameters parameters, IReadOnlyList<MetricSummary> metrics,
        CostBreakdown? cost = null, Verdict? verdict = null) => new()
    {
        Point = new PointKey("0123456789abcdef", $"qwen/{scenario}[{parameters.Describe()}]"),
        Model = "qwen",
        Scenario = scenario,
        Kind = kind,
        Parameters = parameters,
        RepetitionsExpected = 3,
        RepetitionsMeasured = 3,
        Stages = [],
        Headline = new StageResult
        {
            Index = 0, Kind = StageKind.Steady, Repetitions = 3, Succeeded = 30, Failed = 0, Metrics = metrics,
            Verdict = verdict ?? Verdict.From([], []),
        },
        Cost = cost,
        Verdict = verdict ?? Verdict.From([], []),
    };

    public static ResultView View(PointResult point, string node = "worker-1", string provenanceJson = "{}") => new()
    {
        RunId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        SuiteName = "suite",
        PointKey = point.Point.Id,
        Model = "qwen.Q4_K_M.gguf",
        ModelName = point.Model,
        ModelSha256 = new string('a', 64),
        Quantization = "Q4_K_M",
        NodeName = node,
        Scenario = point.Scenario,
        Verdict = point.Verdict.Label,
        VerdictReasons = string.Join("; ", point.Verdict.Reasons),
        Repetitions = point.RepetitionsMeasured,
        CreatedAt = DateTimeOffset.Parse("2026-12-06T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        ParametersJson = MeasurementJson.Serialize(point.Parameters),
        MetricsJson = MeasurementJson.Serialize(point),
        ProvenanceJson = provenanceJson,
    };
}
