using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Metrics;

/// <summary>
/// Whether a request's per-event token counts are exact. A server that sends no per-chunk count (no
/// continuous_usage_stats, no timings_per_token) leaves one token per event as a guess: per-token ITL is then withheld
/// for that request rather than replaced by the per-event gap (which event_gap_ms already reports as what it is).
/// </summary>
public static class CountExactness
{
    /// <summary>Samples stored before exactness was recorded (null) count as exact, as they were treated then.</summary>
    public static bool IsExact(Sample s) => s.TokenCountsExact != false;

    /// <summary>Successful requests whose per-token ITL was withheld.</summary>
    public static int Withheld(IEnumerable<Sample> samples) => samples.Count(s => s.Succeeded && !IsExact(s));
}
