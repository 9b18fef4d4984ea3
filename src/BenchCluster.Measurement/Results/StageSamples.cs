using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Results;

/// <summary>One repetition's measured samples of a stage and the window its throughputs are computed over.</summary>
internal sealed record RepetitionSlice(int Repetition, IReadOnlyList<Sample> Samples, StageInfo? Stage)
{
    public long WindowStartNs => Stage?.StartNs ?? (Samples.Count == 0 ? 0 : Samples.Min(s => s.StartNs));

    public long WindowEndNs => Samples.Count == 0 ? Stage?.EndNs ?? WindowStartNs : Math.Max(Samples.Max(s => s.EndNs), Stage?.EndNs ?? 0);

    public double Seconds => TimeUnits.ToSeconds(WindowEndNs - WindowStartNs);
}

/// <summary>A stage across repetitions.</summary>
internal sealed record StageSamples(int Index, StageKind Kind, IReadOnlyList<RepetitionSlice> Slices)
{
    public IEnumerable<Sample> All => Slices.SelectMany(s => s.Samples);

    public double? MeanTargetRate => Mean(Slices.Select(s => s.Stage?.TargetRate));

    public int? Concurrency => Slices.Select(s => s.Stage?.Concurrency).FirstOrDefault(c => c is not null);

    public double? Burstiness => Slices.Select(s => s.Stage?.Burstiness).FirstOrDefault(b => b is not null);

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Average();
    }
}
