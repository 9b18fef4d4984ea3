using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;

namespace BenchCluster.Measurement.Results;

/// <summary>A matrix point's result over its repetitions on one node: stages, headline stage, cost, verdict.</summary>
public sealed record PointResult
{
    public required PointKey Point { get; init; }
    public required string Model { get; init; }
    public required string Scenario { get; init; }
    public required ScenarioKind Kind { get; init; }
    public required JobParameters Parameters { get; init; }
    public string? NodeName { get; init; }
    public required int RepetitionsExpected { get; init; }
    public required int RepetitionsMeasured { get; init; }
    public required IReadOnlyList<StageResult> Stages { get; init; }
    /// <summary>
    /// The stage the headline numbers and cost come from: the only stage, slo-search's selected stage, or for a
    /// sweep the stage with the highest goodput within the SLOs (highest output throughput without SLOs).
    /// </summary>
    public StageResult? Headline { get; init; }
    /// <summary>
    /// The headline throughput of each repetition of the headline stage, in repetition order (pp/tg/pg: tokens/s;
    /// batched: total tokens/s; request-level: output token throughput), so two runs can be tested for a real
    /// difference. Null in results stored before it was kept.
    /// </summary>
    public IReadOnlyList<double>? HeadlineValues { get; init; }
    /// <summary>Point-level metrics, e.g. slo-search's max_rate_within_slo per repetition.</summary>
    public IReadOnlyList<MetricSummary> PointMetrics { get; init; } = [];
    public CostBreakdown? Cost { get; init; }
    /// <summary>Configured and measured power, which one the figures use, and energy per token; null for endpoints.</summary>
    public EnergyBreakdown? Energy { get; init; }
    /// <summary>quality: the scores of each repetition's job pooled (docs/quality.md); null for other scenarios.</summary>
    public QualityMeasurement? Quality { get; init; }
    /// <summary>Fleet points: requested and achieved total rate and each driver's send lag; null when one node drove it.</summary>
    public FleetSummary? Fleet { get; init; }
    public required Verdict Verdict { get; init; }
}
