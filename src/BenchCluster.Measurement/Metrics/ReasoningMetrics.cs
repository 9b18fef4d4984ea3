using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Metrics;

/// <summary>
/// What reasoning models add to a request's metrics (docs/workloads.md): time to first output (TTFO, the first
/// answer token after the reasoning) beside TTFT, and the output split into reasoning and answer tokens. Defined only
/// for requests that reasoned, so a suite of plain models gains no columns.
/// </summary>
public static class ReasoningMetrics
{
    /// <summary>
    /// TTFO from the latency origin. A request that timed out while still reasoning enters at its elapsed time, a lower
    /// bound, as TTFT does; one that ended while reasoning (max_tokens spent on thinking) never answered and has none.
    /// </summary>
    public static double? TtfoMs(Sample s)
    {
        if (s.ReasoningTokens is null)
            return null;
        if (s.FirstOutputNs is { } first && (s.Succeeded || s.TimedOut))
            return (first - s.StartNs) / TimeUnits.NanosecondsPerMillisecond;
        return s.TimedOut ? (s.EndNs - s.StartNs) / TimeUnits.NanosecondsPerMillisecond : null;
    }

    /// <summary>Output tokens that were reasoning; null for a request that did not reason or failed.</summary>
    public static double? ReasoningTokens(Sample s) => s.Succeeded ? s.ReasoningTokens : null;

    /// <summary>Output tokens of the answer (all output minus the reasoning) of a request that reasoned.</summary>
    public static double? AnswerTokens(Sample s) =>
        s.Succeeded && s.ReasoningTokens is { } reasoning ? Math.Max(0, s.EffectiveOutputTokens - reasoning) : null;

    /// <summary>A request that reasoned and ended without beginning its answer.</summary>
    public static bool EndedWhileReasoning(Sample s) => s.Succeeded && s.ReasoningTokens is not null && s.FirstOutputNs is null;

    /// <summary>True when any request of these reasoned: the stage then gets the reasoning metrics.</summary>
    public static bool AnyReasoned(IEnumerable<Sample> samples) => samples.Any(s => s.ReasoningTokens is not null);
}
