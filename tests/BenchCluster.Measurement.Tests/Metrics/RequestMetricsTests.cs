using BenchCluster.Measurement.Metrics;
using static BenchCluster.Measurement.Tests.Fakes.Timelines;

namespace BenchCluster.Measurement.Tests.Metrics;

public sealed class RequestMetricsTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Ttft_e2el_and_tpot_follow_the_vllm_formulas_on_a_steady_stream()
    {
        // Sent at 0, tokens at 100, 110, 120, 130 ms: TTFT 100, E2E 130, TPOT (130 − 100) / 3 = 10.
        var s = Request(0, [100, 110, 120, 130]);

        Assert.Equal(100, RequestMetrics.TtftMs(s)!.Value, Tolerance);
        Assert.Equal(130, RequestMetrics.E2elMs(s)!.Value, Tolerance);
        Assert.Equal(10, RequestMetrics.TpotMs(s)!.Value, Tolerance);
        Assert.Equal(130.0 / 4, RequestMetrics.E2elPerOutputTokenMs(s)!.Value, Tolerance);
        Assert.Equal([10.0, 10.0, 10.0], RequestMetrics.ItlMs(s).ToArray());
        Assert.Equal(3 / 0.030, RequestMetrics.DecodeTokensPerSecond(s)!.Value, 1e-6);
    }

    [Fact]
    public void One_output_token_has_no_tpot_and_no_itl_but_counts_as_zero_tpot_for_goodput()
    {
        var s = Request(0, [50]);

        Assert.Null(RequestMetrics.TpotMs(s));
        Assert.Empty(RequestMetrics.ItlMs(s));
        Assert.Empty(RequestMetrics.EventGapMs(s));
        Assert.Equal(0, RequestMetrics.TpotForGoodputMs(s));
        Assert.Equal(50, RequestMetrics.TtftMs(s)!.Value, Tolerance);
        Assert.Null(RequestMetrics.DecodeTokensPerSecond(s));
    }

    [Fact]
    public void Zero_output_tokens_has_no_ttft_tpot_or_per_token_latency_but_has_e2el()
    {
        var s = Request(0, [], endMs: 40, requested: 8);

        Assert.Null(RequestMetrics.TtftMs(s));
        Assert.Null(RequestMetrics.TpotMs(s));
        Assert.Null(RequestMetrics.E2elPerOutputTokenMs(s));
        Assert.Empty(RequestMetrics.ItlMs(s));
        Assert.Equal(40, RequestMetrics.E2elMs(s)!.Value, Tolerance);
        Assert.True(RequestMetrics.OutputCountMismatch(s, tolerance: 0));
    }

    [Fact]
    public void A_failed_request_has_no_latency_at_all()
    {
        var s = Request(0, [10, 20], error: "ServerError 503: overloaded");

        Assert.False(s.Succeeded);
        Assert.Null(RequestMetrics.TtftMs(s));
        Assert.Null(RequestMetrics.E2elMs(s));
        Assert.Null(RequestMetrics.TpotMs(s));
        Assert.Empty(RequestMetrics.ItlMs(s));
        Assert.False(RequestMetrics.OutputCountMismatch(s, 0));
    }

    [Fact]
    public void Several_tokens_in_one_event_are_spread_evenly_over_the_gap_before_it()
    {
        // Events at 100 (2 tokens), 130 (3 tokens), 140 (1 token): 6 tokens.
        var s = Request(0, [100, 130, 140], tokens: [2, 3, 1]);

        // The first event's extra token gets 0; 30 ms / 3 tokens = 10 each; then 10.
        Assert.Equal([0.0, 10.0, 10.0, 10.0, 10.0], RequestMetrics.ItlMs(s).ToArray());
        // vLLM's ITL is per event: the two gaps.
        Assert.Equal([30.0, 10.0], RequestMetrics.EventGapMs(s).ToArray());
        // tokens − 1 values summing to last − first event; their mean is TPOT.
        Assert.Equal(RequestMetrics.TpotMs(s)!.Value, RequestMetrics.ItlMs(s).Average(), Tolerance);
    }

    [Fact]
    public void Open_loop_latency_is_measured_from_the_schedule_and_the_lag_is_kept()
    {
        // Scheduled at 0, sent 25 ms late, first token 40 ms after the send.
        var s = Request(25, [65, 75], scheduledMs: 0);

        Assert.Equal(65, RequestMetrics.TtftMs(s)!.Value, Tolerance);
        Assert.Equal(40, RequestMetrics.TtftFromSendMs(s)!.Value, Tolerance);
        Assert.Equal(75, RequestMetrics.E2elMs(s)!.Value, Tolerance);
        Assert.Equal(25, RequestMetrics.SendLagMs(s)!.Value, Tolerance);
        // TPOT does not depend on the start.
        Assert.Equal(10, RequestMetrics.TpotMs(s)!.Value, Tolerance);
    }

    [Fact]
    public void Server_counts_win_over_stream_counts_and_a_disagreement_is_flagged()
    {
        // The stream carried 3 events counted as 1 token each, the server says 6 tokens.
        var s = Request(0, [100, 110, 120], serverOutput: 6, requested: 6);

        Assert.Equal(6, s.EffectiveOutputTokens);
        Assert.True(RequestMetrics.ServerCountDisagrees(s));
        Assert.False(RequestMetrics.OutputCountMismatch(s, 0));
        Assert.Equal(20.0 / 5, RequestMetrics.TpotMs(s)!.Value, Tolerance);
    }

    [Fact]
    public void Micro_tokens_per_second_is_llama_bench_t_per_s()
    {
        var pp = new Samples.Sample { Seq = 0, Kind = Samples.SampleKind.Prompt, SentNs = 0, EndNs = 500 * Ms, PromptEndNs = 500 * Ms, PromptTokens = 128 };
        var pg = new Samples.Sample { Seq = 0, Kind = Samples.SampleKind.Generation, SentNs = 0, PromptEndNs = 200 * Ms, EndNs = 1000 * Ms, PromptTokens = 100, OutputTokens = 50 };

        Assert.Equal(256, RequestMetrics.MicroTokensPerSecond(pp)!.Value, 1e-9);
        Assert.Equal(150, RequestMetrics.MicroTokensPerSecond(pg)!.Value, 1e-9);
        Assert.Equal(500, RequestMetrics.PromptTokensPerSecond(pg)!.Value, 1e-9);
    }
}
