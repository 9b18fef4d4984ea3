using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Completions;

/// <summary>One request. Give either a prompt text or prompt tokens (in-process backends accept both).</summary>
public sealed record CompletionRequest
{
    public string? Prompt { get; init; }
    public IReadOnlyList<int>? PromptTokens { get; init; }
    public required int MaxTokens { get; init; }
    /// <summary>Generate MaxTokens tokens regardless of end-of-generation tokens (sent as ignore_eos and min_tokens remotely).</summary>
    public bool IgnoreEos { get; init; } = true;
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;
    /// <summary>Chat endpoint instead of completions (remote only).</summary>
    public bool UseChat { get; init; }
    /// <summary>
    /// Multi-turn and shared-prefix workloads: the conversation so far, sent as chat messages (remote chat endpoints);
    /// in-process the prompt tokens already hold the rendered conversation. Null for single-turn requests.
    /// </summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }
    /// <summary>
    /// Requests with the same key continue one conversation: an in-process engine may keep its KV cache between them
    /// (as llama-server's prompt cache does) and reuse the common prefix. Null = no reuse intended.
    /// </summary>
    public string? CacheKey { get; init; }
}
