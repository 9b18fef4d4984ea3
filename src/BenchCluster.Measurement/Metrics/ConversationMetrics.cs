using System.Globalization;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Metrics;

/// <summary>
/// Metrics of multi-turn and shared-prefix workloads (docs/workloads.md): the prefix-cache hit rate from
/// the backend's cached-token counts, TTFT of requests that hit the cache against those that missed it, and TTFT and
/// E2EL per turn index. A metric is left out when no request could give it, so a backend that never reported its cached
/// tokens shows no hit rate ("unknown") rather than a made-up 0.
/// </summary>
internal static class ConversationMetrics
{
    public const string PrefixCacheHitRate = "prefix_cache_hit_rate";
    public const string CachedPromptTokens = "cached_prompt_tokens";
    public const string TtftCacheHitMs = "ttft_ms_cache_hit";
    public const string TtftCacheMissMs = "ttft_ms_cache_miss";
    private const string Ratio = "ratio";
    private const string Tokens = "tokens";

    /// <summary>"ttft_ms_turn_3": TTFT of the conversations' fourth turns.</summary>
    public static string PerTurn(string metric, int turn) => string.Create(CultureInfo.InvariantCulture, $"{metric}_turn_{turn}");

    public static void Add(
        IReadOnlyCollection<Sample> all,
        Action<string, string, Func<RepetitionSlice, double?>> perRepetition,
        Action<string, string, Func<Sample, double?>> perRequest)
    {
        if (all.Any(s => s.Succeeded && s.CachedPromptTokens is not null))
        {
            perRepetition(PrefixCacheHitRate, Ratio, slice => HitRate(slice.Samples));
            perRequest(CachedPromptTokens, Tokens, s => s.Succeeded ? s.CachedPromptTokens : null);
            perRequest(TtftCacheHitMs, StageMetricsCalculator.Ms, s => s.CachedPromptTokens > 0 ? RequestMetrics.TtftMs(s) : null);
            perRequest(TtftCacheMissMs, StageMetricsCalculator.Ms, s => s.CachedPromptTokens == 0 ? RequestMetrics.TtftMs(s) : null);
        }
        foreach (var turn in all.Where(s => s.TurnIndex is not null).Select(s => s.TurnIndex!.Value).Distinct().Order())
        {
            perRequest(PerTurn(MetricNames.TtftMs, turn), StageMetricsCalculator.Ms, s => s.TurnIndex == turn ? RequestMetrics.TtftMs(s) : null);
            perRequest(PerTurn(MetricNames.E2elMs, turn), StageMetricsCalculator.Ms, s => s.TurnIndex == turn ? RequestMetrics.E2elMs(s) : null);
        }
    }

    /// <summary>Cached prompt tokens / prompt tokens over the successful requests whose backend reported a cached count; null when none did.</summary>
    public static double? HitRate(IEnumerable<Sample> samples)
    {
        long cached = 0, prompt = 0;
        foreach (var s in samples)
        {
            if (!s.Succeeded || s.CachedPromptTokens is not { } c)
                continue;
            cached += c;
            prompt += s.EffectivePromptTokens;
        }
        return prompt > 0 ? (double)cached / prompt : null;
    }
}
