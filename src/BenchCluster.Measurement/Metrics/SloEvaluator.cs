using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Metrics;

/// <summary>vLLM-style goodput: which requests met every SLO bound, and what share of all requests did.</summary>
public static class SloEvaluator
{
    /// <summary>A request is good when it succeeded and meets every bound given (TPOT of a ≤ 1-token request counts as 0).</summary>
    public static bool IsGood(Sample s, SloSpec slo)
    {
        if (!s.Succeeded)
            return false;
        if (slo.TtftMs is { } ttft && !(RequestMetrics.TtftMs(s) is { } t && t <= ttft))
            return false;
        if (slo.TpotMs is { } tpot && !(RequestMetrics.TpotForGoodputMs(s) is { } p && p <= tpot))
            return false;
        return slo.E2elMs is not { } e2el || RequestMetrics.E2elMs(s) is { } e && e <= e2el;
    }

    /// <summary>Good requests / all requests (failed ones included, as GuideLLM counts them); null without samples.</summary>
    public static double? Attainment(IReadOnlyCollection<Sample> samples, SloSpec slo) =>
        samples.Count == 0 ? null : samples.Count(s => IsGood(s, slo)) / (double)samples.Count;

    /// <summary>Whether a stage met the SLOs: its attainment reaches the target.</summary>
    public static bool Meets(IReadOnlyCollection<Sample> samples, SloSpec slo) =>
        Attainment(samples, slo) is { } attainment && attainment >= slo.Attainment;
}
