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
}
