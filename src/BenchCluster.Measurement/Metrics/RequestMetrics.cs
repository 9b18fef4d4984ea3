using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Statistics;

namespace BenchCluster.Measurement.Metrics;

/// <summary>
/// Per-sample derived metrics; docs/metrics.md gives each formula and its name in vLLM, GuideLLM, llmperf and
/// MLPerf. All return milliseconds (or tokens/s) and null where the metric is undefined for the sample. Failed
/// samples have no latency and count in the error rate only — except requests that timed out: leaving them out of
/// TTFT and E2EL would drop exactly the slowest requests from the tail, so they enter at their elapsed time, which
/// is at least the timeout (a lower bound, as a censored value must be).
/// </summary>
public static class RequestMetrics
{
    private const double SendLagPercentile = 0.99;

    /// <summary>Time to first token from the latency origin (scheduled time in open loop, else send time).</summary>
    public static double? TtftMs(Sample s)
    {
        if (s.Succeeded || s.TimedOut)
        {
            // A timed-out request that never saw a token waited at least until it gave up.
            var first = s.FirstTokenNs ?? (s.Succeeded ? null : s.EndNs);
            return first is { } f ? (f - s.StartNs) / TimeUnits.NanosecondsPerMillisecond : null;
        }
        return null;
    }

    /// <summary>Time to first token from the actual send (what a tool that ignores coordinated omission reports).</summary>
    public static double? TtftFromSendMs(Sample s) =>
        s.Succeeded && s.FirstTokenNs is { } first ? (first - s.SentNs) / TimeUnits.NanosecondsPerMillisecond : null;

    /// <summary>End-to-end latency from the latency origin.</summary>
    public static double? E2elMs(Sample s) => s.Succeeded || s.TimedOut ? (s.EndNs - s.StartNs) / TimeUnits.NanosecondsPerMillisecond : null;

    /// <summary>vLLM TPOT: (end − first token) / (output tokens − 1); undefined with fewer than two tokens.</summary>
    public static double? TpotMs(Sample s)
    {
        var tokens = s.EffectiveOutputTokens;
        return s.Succeeded && tokens > 1 && s.FirstTokenNs is { } first
            ? (s.EndNs - first) / TimeUnits.NanosecondsPerMillisecond / (tokens - 1)
            : null;
    }

    /// <summary>TPOT as vLLM's goodput check reads it: 0 for a request of at most one token (so it cannot fail the bound).</summary>
    public static double? TpotForGoodputMs(Sample s) => s.Succeeded ? TpotMs(s) ?? 0 : null;

    /// <summary>GuideLLM "time per output token" and llmperf "inter-token latency": E2E / output tokens (first token included).</summary>
    public static double? E2elPerOutputTokenMs(Sample s)
    {
        var tokens = s.EffectiveOutputTokens;
        return s.Succeeded && tokens > 0 ? (s.EndNs - s.SentNs) / TimeUnits.NanosecondsPerMillisecond / tokens : null;
    }

    /// <summary>
    /// Per-token inter-token latencies: an event carrying k tokens after a gap g yields k values of g / k; the extra
    /// tokens of the first event yield zeros. So there are (tokens − 1) values summing to (last event − first event),
    /// and their per-request mean equals TPOT when the stream ends with its last token. None when the counts were
    /// guessed (<see cref="CountExactness"/>).
    /// </summary>
    public static IEnumerable<double> ItlMs(Sample s)
    {
        if (!s.Succeeded || s.EventNs.Length == 0 || !CountExactness.IsExact(s))
            yield break;
        for (var extra = 1; extra < s.EventTokenCounts[0]; extra++)
            yield return 0;
        for (var i = 1; i < s.EventNs.Length; i++)
        {
            var tokens = s.EventTokenCounts[i];
            var share = (s.EventNs[i] - s.EventNs[i - 1]) / TimeUnits.NanosecondsPerMillisecond / tokens;
            for (var t = 0; t < tokens; t++)
                yield return share;
        }
    }

    /// <summary>vLLM ITL: the gaps between consecutive streamed events, whatever number of tokens each carried.</summary>
    public static IEnumerable<double> EventGapMs(Sample s)
    {
        if (!s.Succeeded)
            yield break;
        for (var i = 1; i < s.EventNs.Length; i++)
            yield return (s.EventNs[i] - s.EventNs[i - 1]) / TimeUnits.NanosecondsPerMillisecond;
    }

    /// <summary>How late the request was sent against its schedule (GuideLLM "dispatch delay"); null without a schedule.</summary>
    public static double? SendLagMs(Sample s) =>
        s.ScheduledNs is { } scheduled ? (s.SentNs - scheduled) / TimeUnits.NanosecondsPerMillisecond : null;

    /// <summary>
    /// p99 of the send lag over a stage's requests, null when none had a schedule: the figure the schedule rule of
    /// the verdict and slo-search both judge against max_send_lag_ms.
    /// </summary>
    public static double? SendLagP99Ms(IEnumerable<Sample> samples)
    {
        var lags = samples.Select(SendLagMs).Where(v => v is not null).Select(v => v!.Value).ToList();
        return lags.Count == 0 ? null : StatisticsCalculator.Quantile(lags, SendLagPercentile);
    }

    /// <summary>One request's decode speed after its first token: (tokens − 1) / (end − first token).</summary>
    public static double? DecodeTokensPerSecond(Sample s)
    {
        var tokens = s.EffectiveOutputTokens;
        return s.Succeeded && tokens > 1 && s.FirstTokenNs is { } first && s.EndNs > first
            ? (tokens - 1) * TimeUnits.NanosecondsPerSecond / (s.EndNs - first)
            : null;
    }

    /// <summary>llama-bench t/s of one micro run: tokens processed (prompt + generated) / (end − start).</summary>
    public static double? MicroTokensPerSecond(Sample s)
    {
        var tokens = s.PromptTokens + s.OutputTokens;
        return s.Succeeded && s.EndNs > s.SentNs && tokens > 0 ? tokens * TimeUnits.NanosecondsPerSecond / (s.EndNs - s.SentNs) : null;
    }

    /// <summary>Prompt decode speed of a micro or batched run where the engine reported the prompt's end.</summary>
    public static double? PromptTokensPerSecond(Sample s) =>
        s.Succeeded && s.PromptEndNs is { } end && end > s.SentNs && s.PromptTokens > 0
            ? s.PromptTokens * TimeUnits.NanosecondsPerSecond / (end - s.SentNs)
            : null;

    /// <summary>True when the generated count differs from the requested count by more than <paramref name="tolerance"/>.</summary>
    public static bool OutputCountMismatch(Sample s, int tolerance) =>
        s.Succeeded && s.RequestedOutputTokens > 0 && Math.Abs(s.EffectiveOutputTokens - s.RequestedOutputTokens) > tolerance;

    /// <summary>True when the server's and our output counts both exist and differ.</summary>
    public static bool ServerCountDisagrees(Sample s) =>
        s.Succeeded && s.ServerOutputTokens is { } server && server != s.OutputTokens;
}
