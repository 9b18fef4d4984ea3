namespace BenchCluster.Engine.Inference;

/// <summary>Generate <see cref="TokenCount"/> tokens in one sequence, after an optional prompt.</summary>
public sealed record GenerationRequest
{
    /// <summary>Decoded first (timed separately); empty = continue from what the sequence holds, or from BOS when it is empty.</summary>
    public IReadOnlyList<int> PromptTokens { get; init; } = [];
    public required int TokenCount { get; init; }
    /// <summary>When true, end-of-generation tokens do not stop generation: exactly TokenCount tokens come out.</summary>
    public bool IgnoreEos { get; init; } = true;
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;
    public int SequenceId { get; init; }
    /// <summary>
    /// llama-bench's count: every one of the TokenCount tokens costs its own decode, the first one fed the start token
    /// after the prompt, so n_g tokens are n_g decodes (pg, llama-batched-bench's S_TG). False (serving): token 0 comes
    /// from the prompt's logits and the last token chosen is never decoded, so n_g tokens cost n_g - 1 decodes.
    /// </summary>
    public bool DecodeEveryToken { get; init; }

}

/// <summary>N sequences, each with its own prompt (may be the same), generating up to TokenCount tokens each.</summary>
public sealed record BatchedGenerationRequest
{
    public required IReadOnlyList<IReadOnlyList<int>> Prompts { get; init; }
    public required int TokenCount { get; init; }
    public bool IgnoreEos { get; init; } = true;
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;
    /// <summary>
    /// llama-bench's count: every one of the TokenCount tokens costs its own decode, the first one fed the start token
    /// after the prompt, so n_g tokens are n_g decodes (pg, llama-batched-bench's S_TG). False (serving): token 0 comes
    /// from the prompt's logits and the last token chosen is never decoded, so n_g tokens cost n_g - 1 decodes.
    /// </summary>
    public bool DecodeEveryToken { get; init; }
}
