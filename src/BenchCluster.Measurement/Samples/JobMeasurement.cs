using System.Text.Json.Serialization;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Provenance;
using BenchCluster.Measurement.Quality;

namespace BenchCluster.Measurement.Samples;

/// <summary>
/// Everything one job measured, raw: warm-up and measured samples, the stages it ran, power and provenance.
/// Statistics are derived later by <c>ResultAggregator</c>.
/// </summary>
public sealed record JobMeasurement
{
    public required string PointId { get; init; }
    public required int Repetition { get; init; }
    public required IReadOnlyList<Sample> Samples { get; init; }
    public IReadOnlyList<StageInfo> Stages { get; init; } = [];
    /// <summary>Start and end of the measured part (warm-up excluded).</summary>
    public required long MeasuredStartNs { get; init; }
    public required long MeasuredEndNs { get; init; }
    /// <summary>Average power over the measured part when the machine exposes it (RAPL, NVML, nvidia-smi); else null.</summary>
    public double? MeasuredWatts { get; init; }
    /// <summary>Where <see cref="MeasuredWatts"/> came from, e.g. "rapl:intel-rapl:0" or "nvidia-smi".</summary>
    public string? PowerSource { get; init; }
    /// <summary>Why power, or part of it, was not measured (an absent counter, a failed reading); empty when it all was.</summary>
    public IReadOnlyList<string> PowerNotes { get; init; } = [];
    /// <summary>A failure that ended the job before it measured everything; null when it finished.</summary>
    public string? Error { get; init; }
    public RunProvenance? Provenance { get; init; }
    /// <summary>A quality job's scores; null for every other scenario.</summary>
    public QualityMeasurement? Quality { get; init; }
    /// <summary>Fleet driver jobs: when this driver started against the common start; null for single-driver jobs.</summary>
    public FleetDriverStart? Fleet { get; init; }

    [JsonIgnore]
    public double MeasuredSeconds => TimeUnits.ToSeconds(MeasuredEndNs - MeasuredStartNs);
}
