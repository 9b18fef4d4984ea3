using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>How a <see cref="ContinuousBatchingBackend"/> serves: its slots, its llama.cpp context and its queue.</summary>
public sealed record ContinuousBatchingOptions
{
    /// <summary>llama-server's default context per slot when the caller gives none (see <see cref="ForRequestLength"/>).</summary>
    public const int DefaultContextPerSlotTokens = 4096;

    /// <summary>Sequences decoded together (llama-server -np): requests beyond this many wait in the queue.</summary>
    public int Slots { get; init; } = 4;

    /// <summary>
    /// The context's settings. <see cref="SessionOptions.ContextSize"/> is the total KV cells, split evenly between
    /// the slots (llama.cpp rounds each slot's share up to a multiple of 256); MaxSequences is replaced by <see cref="Slots"/>.
    /// </summary>
    public SessionOptions Session { get; init; } = new() { ContextSize = 4 * DefaultContextPerSlotTokens };

    /// <summary>Requests that may wait for a slot; one more is refused at once (HTTP 503 when served). Null = no limit.</summary>
    public int? MaxQueuedRequests { get; init; }

    /// <summary>
    /// Keep a finished request's KV cells in its slot and reuse the prefix a later prompt shares with them (llama-server's
    /// cache_prompt, on by default there too). Off: every request decodes its whole prompt from an empty sequence.
    /// </summary>
    public bool CachePrompts { get; init; } = true;

    /// <summary>
    /// Most tokens of reasoning per request (llama-server's --reasoning-budget): after that many tokens inside a think
    /// span, "&lt;/think&gt;" is emitted and the answer follows. Null: no cap; 0: the span closes at once. Only for
    /// vocabularies with single-token think markers (the R1 distills); others are refused when the backend is created.
    /// </summary>
    public int? ReasoningBudgetTokens { get; init; }

    /// <summary>The model's name in <see cref="CompletionBackendInfo.Model"/>; default: the file name without extension.</summary>
    public string? ModelName { get; init; }

    /// <summary>Options whose context holds <paramref name="slots"/> requests of up to <paramref name="maxRequestTokens"/> tokens (prompt + output) each.</summary>
    public static ContinuousBatchingOptions ForRequestLength(int slots, int maxRequestTokens, SessionOptions? session = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequestTokens, 1);
        var baseline = session ?? new SessionOptions();
        return new ContinuousBatchingOptions
        {
            Slots = slots,
            Session = baseline with { ContextSize = checked(slots * maxRequestTokens), MaxSequences = slots },
        };
    }
}
