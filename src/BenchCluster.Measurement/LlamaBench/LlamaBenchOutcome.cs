using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.LlamaBench;

/// <summary>The trace of one run's timed part: a prompt (pp), a generation (tg, pg) or a batch (llama-batched-bench).</summary>
public sealed record LlamaBenchOutcome
{
    public PromptTrace? Prompt { get; init; }
    public GenerationTrace? Generation { get; init; }
    public BatchedGenerationTrace? Batched { get; init; }

    /// <summary>Start of the timed part, taken on the decode thread.</summary>
    public long StartNs => Prompt?.StartNs ?? Generation?.StartNs ?? Batched?.StartNs ?? 0;

    /// <summary>End of the timed part, taken on the decode thread.</summary>
    public long EndNs => Prompt?.EndNs ?? Generation?.EndNs ?? Batched?.EndNs ?? 0;
}
