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
}

/// <summary>N sequences, each with its own prompt (may be the same), generating up to TokenCount tokens each.</summary>
public sealed record BatchedGenerationRequest
{
    public required IReadOnlyList<IReadOnlyList<int>> Prompts { get; init; }
    public required int TokenCount { get; init; }
    public bool IgnoreEos { get; init; } = true;
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;
}
