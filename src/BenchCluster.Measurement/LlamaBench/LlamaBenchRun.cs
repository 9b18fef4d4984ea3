namespace BenchCluster.Measurement.LlamaBench;

/// <summary>
/// The shape of one llama-bench run: <see cref="Depth"/> tokens already in the KV cache (untimed), then
/// <see cref="PromptTokens"/> decoded as a prompt and <see cref="GenerateTokens"/> generated, in
/// <see cref="Sequences"/> parallel sequences (1: llama-bench's pp / tg / pg; more: llama-batched-bench).
/// </summary>
public sealed record LlamaBenchRun(int PromptTokens, int GenerateTokens, int Sequences = 1, int Depth = 0)
{
    /// <summary>Run as llama-batched-bench even with one sequence (the cluster's batched scenario at concurrency 1).</summary>
    public bool AsBatch { get; init; }

    public bool IsBatched => Sequences > 1 || AsBatch;
}
