using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Validity;

namespace BenchCluster.Measurement.Results;

/// <summary>One stage's metrics over all repetitions, with its own verdict.</summary>
public sealed record StageResult
{
    /// <summary>Stage index within the scenario; −1 for slo-search's selected stage (each repetition's best passing rate).</summary>
    public required int Index { get; init; }
    public required StageKind Kind { get; init; }
    /// <summary>Mean target rate over repetitions (open-loop stages).</summary>
    public double? TargetRate { get; init; }
    public int? Concurrency { get; init; }
    public double? Burstiness { get; init; }
    public required int Repetitions { get; init; }
    public required int Succeeded { get; init; }
    public required int Failed { get; init; }
    public required IReadOnlyList<MetricSummary> Metrics { get; init; }
    public required Verdict Verdict { get; init; }

    /// <summary>The metric of that name, or null when the stage does not have it.</summary>
    public MetricSummary? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);

    /// <summary>The mean of a metric, or null.</summary>
    public double? Mean(string name) => Metric(name)?.Statistics.Mean;
}
