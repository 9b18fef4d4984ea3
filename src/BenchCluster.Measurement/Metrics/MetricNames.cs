using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Metrics;

/// <summary>Names of derived metrics as results store them; docs/metrics.md defines each.</summary>
public static class MetricNames
{
    // Per request, pooled over repetitions.
    public const string TtftMs = "ttft_ms";
    public const string TtftFromSendMs = "ttft_from_send_ms";
    public const string TpotMs = "tpot_ms";
    public const string ItlMs = "itl_ms";
    public const string EventGapMs = "event_gap_ms";
    public const string E2elMs = "e2el_ms";
    public const string E2elPerOutputTokenMs = "e2el_per_output_token_ms";
    public const string SendLagMs = "send_lag_ms";
    public const string DecodeTokensPerSecond = "decode_tokens_per_s";
    public const string PromptTokens = "prompt_tokens";
    public const string OutputTokens = "output_tokens";
    // Reasoning models: time to first output (answer) token, and the output split into reasoning and answer.
    public const string TtfoMs = "ttfo_ms";
    public const string ReasoningTokens = "reasoning_tokens";
    public const string AnswerTokens = "answer_tokens";

    // Per repetition (one value each), then summarized over repetitions.
    public const string RequestThroughput = "request_throughput";
    public const string OutputTokenThroughput = "output_token_throughput";
    public const string InputTokenThroughput = "input_token_throughput";
    public const string TotalTokenThroughput = "total_token_throughput";
    public const string Goodput = "goodput";
    public const string GoodOutputTokenThroughput = "good_output_token_throughput";
    public const string GoodTotalTokenThroughput = "good_total_token_throughput";
    public const string SloAttainment = "slo_attainment";
    public const string ErrorRate = "error_rate";
    public const string AchievedRate = "achieved_rate";
    public const string DurationSeconds = "duration_s";
    public const string MaxRateWithinSlo = "max_rate_within_slo";

    // Micro (llama-bench) and batched (llama-batched-bench).
    public const string TokensPerSecond = "tokens_per_s";
    public const string PromptTokensPerSecond = "prompt_tokens_per_s";
    public const string GenerationTokensPerSecond = "generation_tokens_per_s";
    public const string BatchedPromptTokensPerSecond = "batched_prompt_tokens_per_s";
    public const string BatchedGenerationTokensPerSecond = "batched_generation_tokens_per_s";
    public const string BatchedTotalTokensPerSecond = "batched_total_tokens_per_s";

    // Quality: tokens whose log-probability was scored per second of wall time, one value per repetition.
    public const string ScoredTokensPerSecond = "scored_tokens_per_s";

    /// <summary>
    /// The headline throughput of a scenario kind: what a result is ranked by, what its CV is judged on and what compare
    /// tests. llama-bench's t/s for micro runs, total t/s for batched, scored t/s for quality, output throughput for request-level scenarios.
    /// </summary>
    public static string Headline(ScenarioKind kind) => kind switch
    {
        ScenarioKind.Pp or ScenarioKind.Tg or ScenarioKind.Pg => TokensPerSecond,
        ScenarioKind.Batched => BatchedTotalTokensPerSecond,
        ScenarioKind.Quality => ScoredTokensPerSecond,
        _ => OutputTokenThroughput,
    };
}
