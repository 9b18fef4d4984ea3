namespace BenchCluster.Remote;

/// <summary>What one SSE data payload of an OpenAI-compatible stream says, read by <see cref="StreamEventParser"/>.</summary>
internal struct StreamEvent
{
    /// <summary>The "data: [DONE]" sentinel that ends the stream.</summary>
    public bool IsDone;
    /// <summary>The payload had a non-empty "choices" array.</summary>
    public bool HasChoice;
    /// <summary>choices[0].text (completions) or choices[0].delta.content (chat): the answer.</summary>
    public string? Text;
    /// <summary>choices[0].delta.reasoning_content (llama-server with --reasoning-format deepseek, vLLM) or .reasoning: the model's thinking.</summary>
    public string? ReasoningText;
    public readonly bool HasText => !string.IsNullOrEmpty(Text) || !string.IsNullOrEmpty(ReasoningText);
    public string? FinishReason;
    /// <summary>A "usage" object was present (non-null).</summary>
    public bool HasUsage;
    public int? PromptTokens;
    public int? CompletionTokens;
    /// <summary>
    /// Prompt tokens the server served from its cache: usage.prompt_tokens_details.cached_tokens (OpenAI, vLLM,
    /// llama-server), else llama-server's timings.cache_n (the same count). llama-server's top-level tokens_cached is not
    /// this: it is every token the slot holds after the request (prompt and output), so it is not read.
    /// </summary>
    public int? CachedTokens;
    /// <summary>llama-server's timings.predicted_n: tokens generated so far (sent with timings_per_token).</summary>
    public long? PredictedTokens;
    /// <summary>benchcluster.tokens: tokens in this event, as <c>benchcluster serve</c> reports it.</summary>
    public int? ReportedTokens;
    /// <summary>benchcluster.produced_ns: when <c>benchcluster serve</c>'s backend produced the event.</summary>
    public long? ProducedNs;
    /// <summary>An "error" member: the server failed after the stream had started.</summary>
    public bool IsError;
    public string? ErrorMessage;
    public int? ErrorCode;
}
