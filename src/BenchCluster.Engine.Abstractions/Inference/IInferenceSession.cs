namespace BenchCluster.Engine.Inference;

/// <summary>
/// One llama.cpp context. Every native call runs on the session's own decode thread; the async
/// methods never block their caller. Cancellation is honoured between tokens (and between batches
/// of a prompt). Timestamps come from <see cref="Timing.MonotonicClock"/>, taken on the decode thread
/// right after the work they mark has finished.
/// </summary>
public interface IInferenceSession : IAsyncDisposable
{
    SessionOptions Options { get; }
    ModelInfo Model { get; }

    /// <summary>Tokenizes text with the model's vocabulary.</summary>
    Task<int[]> TokenizeAsync(string text, bool addSpecial, CancellationToken cancellationToken = default);

    /// <summary>Decodes a token as text.</summary>
    Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prompt processing (llama-bench "pp"): decodes the tokens into one sequence in chunks of n_batch,
    /// appending after what that sequence holds.
    /// </summary>
    Task<PromptTrace> ProcessPromptAsync(IReadOnlyList<int> tokens, int sequenceId = 0, CancellationToken cancellationToken = default);

    /// <summary>Token generation ("tg", or "pg" when the request carries a prompt) in one sequence.</summary>
    Task<GenerationTrace> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// N sequences in one context: every step is one decode over all live sequences (llama-batched-bench).
    /// Requires <see cref="SessionOptions.MaxSequences"/> ≥ the number of sequences.
    /// </summary>
    Task<BatchedGenerationTrace> GenerateBatchedAsync(BatchedGenerationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Empties the KV cache of every sequence (between repetitions).</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
