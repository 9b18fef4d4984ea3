namespace BenchCluster.Engine.Completions;

/// <summary>
/// One streamed event. A remote server may put several tokens in one event (<see cref="TokenCount"/> &gt; 1);
/// in-process every chunk is one token.
/// </summary>
public sealed record CompletionChunk
{
    /// <summary>Monotonic time the chunk was produced (in-process) or received (remote).</summary>
    public required long TimestampNs { get; init; }
    public string Text { get; init; } = "";
    /// <summary>Tokens in this event: counted by us (in-process exact; remote: the server's count when it says, else 1 per non-empty event).</summary>
    public int TokenCount { get; init; }
    public bool IsFinal { get; init; }
    /// <summary>Prompt tokens as counted by the backend (in-process: our tokenizer; remote: usage.prompt_tokens). Final chunk only.</summary>
    public int? PromptTokens { get; init; }
    /// <summary>Completion tokens as the backend reports (usage.completion_tokens). Final chunk only.</summary>
    public int? CompletionTokens { get; init; }
    /// <summary>"length", "stop", ... Final chunk only.</summary>
    public string? FinishReason { get; init; }
    /// <summary>
    /// True when <see cref="TokenCount"/> is an exact count (in-process, or the server's own per-chunk usage); false when
    /// it is a guess of one token per non-empty event, so per-token ITL must not be derived from it.
    /// </summary>
    public bool TokenCountExact { get; init; } = true;
    /// <summary>Tokens of this event that belong to the model's reasoning (reasoning_content, or inside &lt;think&gt;…&lt;/think&gt;).</summary>
    public int ReasoningTokenCount { get; init; }
    /// <summary>Prompt tokens the backend served from its cache (usage.prompt_tokens_details.cached_tokens, llama-server's tokens_cached, the in-process engine's reused prefix). Final chunk only; null when unknown.</summary>
    public int? CachedPromptTokens { get; init; }
}
