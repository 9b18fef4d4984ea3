using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// One job: a matrix point × one repetition. The coordinator sends it to a node (as JSON, see MeasurementJson);
/// the worker runs its warm-up and measured part with <c>ScenarioRunner</c>.
/// </summary>
public sealed record JobSpec
{
    public required string SuiteName { get; init; }
    public required PointKey Point { get; init; }
    /// <summary>0-based repetition index.</summary>
    public required int Repetition { get; init; }
    public required int RepetitionCount { get; init; }
    /// <summary>Seed of this repetition's random choices (prompts, lengths, arrivals, sampled tokens).</summary>
    public required int Seed { get; init; }
    public required ModelSpec Model { get; init; }
    public required ScenarioSpec Scenario { get; init; }
    public required JobParameters Parameters { get; init; }
    /// <summary>Warm-up runs before the measured part (request-level: rounds of one request per slot).</summary>
    public required int Warmup { get; init; }
    public SloSpec? Slo { get; init; }
    public ValidityThresholds Validity { get; init; } = ValidityThresholds.Default;
    /// <summary>Read the machine's power meters during the measured part (suite cost.measure_power).</summary>
    public bool MeasurePower { get; init; } = true;
    /// <summary>quality: the model compared against, resolved by the coordinator; null = perplexity only.</summary>
    public QualityReferenceModel? Reference { get; init; }
    /// <summary>Fleet-wide load: this driver's part of the point, set by the planner; null when one node drives it.</summary>
    public FleetShare? Fleet { get; init; }
}
