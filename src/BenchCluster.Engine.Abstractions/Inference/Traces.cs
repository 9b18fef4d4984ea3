using BenchCluster.Engine.Timing;
namespace BenchCluster.Engine.Inference;

/// <summary>Raw timing of a prompt decode, in monotonic nanoseconds.</summary>
public sealed record PromptTrace(int TokenCount, long StartNs, long EndNs)
{
    public double TokensPerSecond => TimeUnits.PerSecond(TokenCount, EndNs - StartNs);
}

/// <summary>
/// Raw timing of one sequence's generation. <see cref="TokenNs"/>[i] is when token i was available
/// (its logits computed and, when sampling, the token chosen). With a prompt, TokenNs[0] is the time to first token.
/// </summary>
public sealed record GenerationTrace
{
    public required long StartNs { get; init; }
    /// <summary>Set when the request carried a prompt: the prompt's decode.</summary>
    public PromptTrace? Prompt { get; init; }
    public required IReadOnlyList<int> Tokens { get; init; }
    public required IReadOnlyList<long> TokenNs { get; init; }
    /// <summary>True when an end-of-generation token ended the sequence early (never with IgnoreEos).</summary>
    public bool StoppedAtEndOfGeneration { get; init; }
    public long EndNs => TokenNs.Count > 0 ? TokenNs[^1] : Prompt?.EndNs ?? StartNs;
}

/// <summary>Per-sequence traces of a batched generation plus the aggregate phases (llama-batched-bench's PP/TG columns).</summary>
public sealed record BatchedGenerationTrace
{
    public required long StartNs { get; init; }
    /// <summary>All prompts' decode, finished.</summary>
    public required long PromptEndNs { get; init; }
    public required int PromptTokenCount { get; init; }
    public required IReadOnlyList<GenerationTrace> Sequences { get; init; }
    public long EndNs => Sequences.Count == 0 ? PromptEndNs : Sequences.Max(s => s.EndNs);
}
