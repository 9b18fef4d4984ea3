namespace BenchCluster.Engine.Inference;

/// <summary>
/// Gives the model's next-token logits over a window of tokens, for perplexity, KL-divergence and task scoring
/// (llama-perplexity's evaluation). Implemented by in-process sessions.
/// </summary>
public interface ITokenScorer
{
    /// <summary>Entries in each logits row (the vocabulary size).</summary>
    int VocabularySize { get; }

    /// <summary>
    /// Empties the KV cache, decodes <paramref name="tokens"/> as one sequence from position 0 in chunks of n_batch,
    /// and hands <paramref name="sink"/> the logits at every position from <paramref name="firstScored"/> on: the row
    /// at position p predicts token p + 1. Rows are valid only during the call.
    /// </summary>
    Task ScoreAsync(IReadOnlyList<int> tokens, int firstScored, ILogitsSink sink, CancellationToken cancellationToken = default);
}
