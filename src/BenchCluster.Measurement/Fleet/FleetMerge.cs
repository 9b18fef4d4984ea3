using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Fleet;

/// <summary>
/// Joins the drivers of each repetition of a fleet point into one measurement, so the point's statistics come from
/// all drivers' raw samples together, exactly as if one client had sent them. Each driver's sample times are on its
/// own node's monotonic clock; they are moved onto driver 0's by the difference of the origins both mapped the common
/// start to, so windows and rates span the whole fleet. A repetition with a failed or missing driver keeps no samples
/// and carries the failure: half a fleet offered a different load, so its latencies describe nothing that was asked.
/// </summary>
public static class FleetMerge
{
    public static IReadOnlyList<JobMeasurement> PerRepetition(IReadOnlyList<JobMeasurement> drivers, int driverCount) =>
        drivers.GroupBy(m => m.Repetition).OrderBy(g => g.Key).Select(g => Merge(g.ToList(), driverCount)).ToList();

    public static JobMeasurement Merge(IReadOnlyList<JobMeasurement> parts, int driverCount)
    {
        if (parts.Count == 0)
            throw new ArgumentException("a repetition needs at least one driver's measurement", nameof(parts));
        var first = parts[0];
        var failures = parts.Where(p => p.Error is not null || p.Fleet is null)
            .Select(p => $"fleet driver {p.Fleet?.Driver ?? p.Provenance?.NodeName ?? "?"} failed: {p.Error ?? "it recorded no start"}").ToList();
        if (parts.Count < driverCount)
            failures.Add($"{driverCount - parts.Count} of {driverCount} fleet drivers reported nothing");
        if (failures.Count > 0)
        {
            return first with
            {
                Samples = [], Stages = [], MeasuredStartNs = 0, MeasuredEndNs = 0, Fleet = null,
                Error = $"{string.Join("; ", failures)}; the repetition's other drivers are left out of the statistics",
            };
        }
        var reference = parts.MinBy(p => p.Fleet!.Index)!.Fleet!.OriginNs;
        var shifted = parts.OrderBy(p => p.Fleet!.Index).Select(p => Shift(p, reference - p.Fleet!.OriginNs)).ToList();
        return first with
        {
            Samples = shifted.SelectMany(p => p.Samples).ToList(),
            Stages = shifted.SelectMany(p => p.Stages).GroupBy(s => s.Index).OrderBy(g => g.Key).Select(Combine).ToList(),
            MeasuredStartNs = shifted.Min(p => p.MeasuredStartNs),
            MeasuredEndNs = shifted.Max(p => p.MeasuredEndNs),
            MeasuredWatts = null,
            PowerSource = null,
            PowerNotes = [],
            Error = null,
            Fleet = null,
        };
    }

    /// <summary>The stage the fleet ran: the drivers' rates and concurrencies add up; its window spans them all.</summary>
    private static StageInfo Combine(IGrouping<int, StageInfo> stages) => new()
    {
        Index = stages.Key,
        Kind = stages.First().Kind,
        TargetRate = stages.Any(s => s.TargetRate is not null) ? stages.Sum(s => s.TargetRate ?? 0) : null,
        Concurrency = stages.Any(s => s.Concurrency is not null) ? stages.Sum(s => s.Concurrency ?? 0) : null,
        Burstiness = stages.First().Burstiness,
        StartNs = stages.Min(s => s.StartNs),
        EndNs = stages.Max(s => s.EndNs),
    };

    private static JobMeasurement Shift(JobMeasurement part, long byNs) => part with
    {
        Samples = part.Samples.Select(s => Shift(s, byNs)).ToList(),
        Stages = part.Stages.Select(s => s with { StartNs = s.StartNs + byNs, EndNs = s.EndNs + byNs }).ToList(),
        MeasuredStartNs = part.MeasuredStartNs + byNs,
        MeasuredEndNs = part.MeasuredEndNs + byNs,
    };

    private static Sample Shift(Sample s, long byNs) => s with
    {
        ScheduledNs = s.ScheduledNs + byNs,
        SentNs = s.SentNs + byNs,
        FirstTokenNs = s.FirstTokenNs + byNs,
        PromptEndNs = s.PromptEndNs + byNs,
        EndNs = s.EndNs + byNs,
        FirstOutputNs = s.FirstOutputNs + byNs,
        EventNs = s.EventNs.Select(t => t + byNs).ToArray(),
    };
}
