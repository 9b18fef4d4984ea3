using BenchCluster.Engine.Completions;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// Follows one request's stream for what reasoning models add: the tokens that were reasoning, when the first answer
/// token arrived (TTFO), and whether every event's token count was exact (else per-token ITL is withheld).
/// </summary>
internal sealed class ReasoningTally
{
    private int _reasoningTokens;
    private long? _firstAnswerNs;
    private bool _exact = true;

    public void Add(CompletionChunk chunk)
    {
        if (chunk.TokenCount <= 0)
            return;
        _exact &= chunk.TokenCountExact;
        var reasoning = Math.Clamp(chunk.ReasoningTokenCount, 0, chunk.TokenCount);
        _reasoningTokens += reasoning;
        if (_firstAnswerNs is null && chunk.TokenCount > reasoning)
            _firstAnswerNs = chunk.TimestampNs;
    }

    /// <summary>Reasoning tokens, or null when the model did not reason.</summary>
    public int? ReasoningTokens => _reasoningTokens > 0 ? _reasoningTokens : null;

    /// <summary>When the first answer token came after reasoning; null without reasoning or when the answer never began.</summary>
    public long? FirstOutputNs => _reasoningTokens > 0 ? _firstAnswerNs : null;

    public bool TokenCountsExact => _exact;
}
