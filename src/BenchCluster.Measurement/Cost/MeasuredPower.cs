using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Cost;

/// <summary>A point's measured power over its repetitions, and why it was not (fully) measured.</summary>
public sealed record MeasuredPower
{
    /// <summary>Mean of the repetitions' average watts; null unless every repetition was measured.</summary>
    public double? Watts { get; init; }
    /// <summary>e.g. "rapl:package-0+nvml"; null when <see cref="Watts"/> is.</summary>
    public string? Source { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static MeasuredPower Of(IReadOnlyList<JobMeasurement> repetitions)
    {
        // One unmeasured repetition leaves the point unmeasured: a mean over the others would describe other work.
        var watts = repetitions.Count > 0 && repetitions.All(r => r.MeasuredWatts is not null)
            ? repetitions.Average(r => r.MeasuredWatts!.Value)
            : (double?)null;
        return new MeasuredPower
        {
            Watts = watts,
            Source = watts is null ? null : repetitions[0].PowerSource,
            Notes = repetitions.SelectMany(r => r.PowerNotes).Distinct(StringComparer.Ordinal).ToList(),
        };
    }
}
