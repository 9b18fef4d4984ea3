using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Samples;

/// <summary>
/// One raw measurement: a request, a micro-benchmark repetition or one sequence of a batched run. Every derived
/// metric is computed from these fields and nothing else. Timestamps are <c>MonotonicClock</c> nanoseconds.
/// </summary>
public sealed record Sample
{
    /// <summary>Order within its job (warm-up samples first).</summary>
    public required int Seq { get; init; }
    public required SampleKind Kind { get; init; }
    /// <summary>Warm-up samples are stored for inspection but never enter a statistic.</summary>
    public bool IsWarmup { get; init; }
    /// <summary>Stage of a multi-stage scenario (sweep, slo-search); 0 otherwise.</summary>
    public int Stage { get; init; }
    /// <summary>When an open-loop schedule wanted the request sent; null for closed-loop and micro runs.</summary>
    public long? ScheduledNs { get; init; }
    /// <summary>When the request was handed to the backend (or the micro run started).</summary>
    public required long SentNs { get; init; }
    /// <summary>When the first output token arrived; null when none did.</summary>
    public long? FirstTokenNs { get; init; }
    /// <summary>When the prompt was decoded (micro and batched runs, where the engine reports it); else null.</summary>
    public long? PromptEndNs { get; init; }
    /// <summary>When the last token (or the failure, or the prompt for "pp") arrived.</summary>
    public required long EndNs { get; init; }
    /// <summary>Arrival time of every event that carried output tokens.</summary>
    public long[] EventNs { get; init; } = [];
    /// <summary>Output tokens carried by each event in <see cref="EventNs"/> (same length).</summary>
    public int[] EventTokenCounts { get; init; } = [];
    /// <summary>Input tokens as we counted them (exact in-process; the prompt builder's target for remote text prompts).</summary>
    public int PromptTokens { get; init; }
    /// <summary>Output tokens as we counted them (sum of <see cref="EventTokenCounts"/>).</summary>
    public int OutputTokens { get; init; }
    /// <summary>usage.prompt_tokens as the backend reported it; null when it did not.</summary>
    public int? ServerPromptTokens { get; init; }
    /// <summary>usage.completion_tokens as the backend reported it; null when it did not.</summary>
    public int? ServerOutputTokens { get; init; }
    /// <summary>Output tokens asked for (max_tokens with ignore_eos and min_tokens).</summary>
    public int RequestedOutputTokens { get; init; }
    /// <summary>Why the request or run failed; null on success. Failed samples count in the error rate only.</summary>
    public string? Error { get; init; }
    /// <summary>Multi-turn and shared-prefix workloads: the conversation (or user) this request belongs to; else null.</summary>
    public string? ConversationId { get; init; }
    /// <summary>Multi-turn workloads: the turn's index in its conversation, from 0; else null.</summary>
    public int? TurnIndex { get; init; }
    /// <summary>Prompt tokens the backend served from its cache, as it reported them; null when it did not say.</summary>
    public int? CachedPromptTokens { get; init; }
    /// <summary>Output tokens that were the model's reasoning (before the answer); null when the model did not reason.</summary>
    public int? ReasoningTokens { get; init; }
    /// <summary>Reasoning models: when the first answer token (after the reasoning) arrived — time to first output (TTFO).</summary>
    public long? FirstOutputNs { get; init; }
    /// <summary>Fleet-wide load: the worker node that sent this request; null when one node drove the scenario.</summary>
    public string? Driver { get; init; }
    /// <summary>False when the event token counts are guesses (one per event), so per-token ITL is withheld; null = not recorded.</summary>
    public bool? TokenCountsExact { get; init; }

    [JsonIgnore]
    public bool Succeeded => Error is null;

    /// <summary>
    /// How the error of a request that ran into a client timeout begins. Stored errors carry it, so a sample read back
    /// from storage still says it timed out without a column of its own.
    /// </summary>
    public const string TimeoutErrorPrefix = "Timeout:";

    /// <summary>The request failed on a client timeout (first event, idle, total or connect): its elapsed time is a lower bound.</summary>
    [JsonIgnore]
    public bool TimedOut => Error is { } error && error.StartsWith(TimeoutErrorPrefix, StringComparison.Ordinal);

    /// <summary>The error text of a request that timed out, as <see cref="TimedOut"/> recognizes it.</summary>
    public static string TimeoutError(string message) => $"{TimeoutErrorPrefix} {message}";

    /// <summary>Latency origin: the scheduled time when there was a schedule (coordinated omission), else the send time.</summary>
    [JsonIgnore]
    public long StartNs => ScheduledNs ?? SentNs;

    /// <summary>Output tokens for metrics: the server's count when it gave one (re-counting streamed text inflates counts), else ours.</summary>
    [JsonIgnore]
    public int EffectiveOutputTokens => ServerOutputTokens ?? OutputTokens;

    /// <summary>Input tokens for metrics: the server's count when it gave one, else ours.</summary>
    [JsonIgnore]
    public int EffectivePromptTokens => ServerPromptTokens ?? PromptTokens;
}
