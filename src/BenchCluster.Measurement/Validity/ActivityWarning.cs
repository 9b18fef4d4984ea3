using System.Globalization;
using BenchCluster.Measurement.Provenance;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Validity;

/// <summary>Flags a result measured while other processes kept the node's CPUs busy (the number may read low or noisy).</summary>
public static class ActivityWarning
{
    public static Verdict Apply(Verdict verdict, IReadOnlyList<JobMeasurement> measured)
    {
        var busy = measured.Select(r => r.Provenance?.Activity).OfType<MeasuredWindowActivity>()
            .Where(a => a.IsLongEnough && a.OtherCpuPercent > MeasuredWindowActivity.BusyOtherCpuPercent).ToList();
        if (busy.Count == 0)
            return verdict;
        var warning = string.Create(CultureInfo.InvariantCulture,
            $"other processes used up to {busy.Max(a => a.OtherCpuPercent):F1} % of a core while {busy.Count} of {measured.Count} repetition(s) were measured " +
            $"(more than {MeasuredWindowActivity.BusyOtherCpuPercent} %): the node was not quiet; stop other work on it and rerun");
        return verdict with { Warnings = [.. verdict.Warnings, warning] };
    }
}
