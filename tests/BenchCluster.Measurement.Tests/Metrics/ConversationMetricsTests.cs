using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;
using static BenchCluster.Measurement.Tests.Fakes.Timelines;

namespace BenchCluster.Measurement.Tests.Metrics;

public sealed class ConversationMetricsTests
{
    private static IReadOnlyList<MetricSummary> Compute(params Sample[] samples) =>
        StageMetricsCalculator.Compute(new StageSamples(0, StageKind.Steady, [new RepetitionSlice(0, samples, null)]), ScenarioKind.Concurrency, null, 0.95);

    private static MetricSummary Metric(IReadOnlyList<MetricSummary> metrics, string name) => Assert.Single(metrics, m => m.Name == name);

    [Fact]
    public void Hit_rate_is_cached_over_prompt_tokens_and_ttft_splits_by_hit_and_miss()
    {
        var metrics = Compute(
            Request(0, [100], prompt: 100) with { CachedPromptTokens = 0, TurnIndex = 0, ConversationId = "c0" },
            Request(0, [20], prompt: 200) with { CachedPromptTokens = 150, TurnIndex = 1, ConversationId = "c0" },
            Request(0, [30], prompt: 300) with { CachedPromptTokens = 250, TurnIndex = 2, ConversationId = "c0" });

        Assert.Equal(400.0 / 600, Metric(metrics, ConversationMetrics.PrefixCacheHitRate).Statistics.Mean!.Value, 12);
        Assert.Equal(25, Metric(metrics, ConversationMetrics.TtftCacheHitMs).Statistics.Mean!.Value, 9);
        Assert.Equal(100, Metric(metrics, ConversationMetrics.TtftCacheMissMs).Statistics.Mean!.Value, 9);
        Assert.Equal(100, Metric(metrics, "ttft_ms_turn_0").Statistics.Median!.Value, 9);
        Assert.Equal(20, Metric(metrics, "ttft_ms_turn_1").Statistics.Median!.Value, 9);
        Assert.Equal(30, Metric(metrics, "e2el_ms_turn_2").Statistics.P99!.Value, 9);
    }

    [Fact]
    public void A_backend_that_never_reported_cached_tokens_gives_no_hit_rate_and_single_turn_work_no_turn_metrics()
    {
        var metrics = Compute(Request(0, [10]), Request(0, [12]) with { CachedPromptTokens = 5, Error = "ServerError: boom" });

        Assert.DoesNotContain(metrics, m => m.Name == ConversationMetrics.PrefixCacheHitRate);
        Assert.DoesNotContain(metrics, m => m.Name.Contains("_turn_", StringComparison.Ordinal));
        Assert.Null(ConversationMetrics.HitRate([Request(0, [10])]));
    }
}
