namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>
/// llama-perplexity's windows: the corpus is tokenized once (with BOS when the vocabulary adds one), cut into
/// consecutive non-overlapping windows of n_ctx tokens (the remainder is dropped), each window's first token is
/// replaced by BOS when the vocabulary adds one, and the logits at positions n_ctx/2 … n_ctx−2 score the tokens
/// after them, so each window scores n_ctx − 1 − n_ctx/2 tokens.
/// </summary>
public sealed record PerplexityWindows(int ContextTokens, int Windows)
{
    public int FirstScored => ContextTokens / 2;

    public int ScoredPerWindow => ContextTokens - 1 - FirstScored;

    public long ScoredTokens => (long)Windows * ScoredPerWindow;

    /// <summary>Windows for <paramref name="tokenCount"/> corpus tokens; refuses a corpus shorter than one window.</summary>
    public static PerplexityWindows Plan(int tokenCount, int contextTokens, int? maxWindows, string corpusName)
    {
        if (contextTokens < 4)
            throw new QualityInputException(corpusName, $"quality.contextTokens {contextTokens} is too small: use at least 4 tokens (llama-perplexity's default is 512).");
        if (tokenCount < contextTokens)
            throw new QualityInputException(corpusName,
                $"The corpus {corpusName} tokenizes to {tokenCount} tokens, shorter than one window of {contextTokens}: " +
                $"use a longer corpus or lower quality.contextTokens to at most {Math.Max(4, tokenCount)}.");
        if (maxWindows is < 1)
            throw new QualityInputException(corpusName, $"quality.maxWindows {maxWindows} must be at least 1 (or left out for every window).");
        var available = tokenCount / contextTokens;
        return new PerplexityWindows(contextTokens, maxWindows is { } max ? Math.Min(max, available) : available);
    }

    /// <summary>Copies window <paramref name="window"/> into <paramref name="buffer"/>, BOS over its first token when <paramref name="bos"/> is set.</summary>
    public void Fill(IReadOnlyList<int> corpusTokens, int window, int? bos, int[] buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(window, Windows);
        if (buffer.Length != ContextTokens)
            throw new ArgumentException($"The window buffer holds {buffer.Length} tokens, not {ContextTokens}.", nameof(buffer));
        var start = window * ContextTokens;
        for (var i = 0; i < ContextTokens; i++)
            buffer[i] = corpusTokens[start + i];
        if (bos is { } b)
            buffer[0] = b;
    }
}
