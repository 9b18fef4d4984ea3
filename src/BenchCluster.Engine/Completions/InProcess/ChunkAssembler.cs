namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// One request's reader side: turns the decode thread's tokens into <see cref="CompletionChunk"/>s, detokenizing on the
/// reader's thread (as llama-server's HTTP threads format results) so the decode thread only chooses and stamps tokens.
/// The final chunk carries the rest of any held-back character and the request's token counts (the prompt tokens reused
/// from the slot's cache among them). Tokens inside the model's think span are counted as reasoning (<see cref="ThinkSpan"/>).
/// </summary>
internal sealed class ChunkAssembler(TokenPieces pieces, PendingRequest request, ThinkSpan think)
{
    private readonly TokenTextStream _text = new();
    private int _produced;

    public CompletionChunk Next(GeneratedToken token)
    {
        _produced++;
        var text = _text.Next(token.Token, pieces);
        if (token.IsFinal)
            text += _text.Flush();
        var reasoning = think.Classify(token.Token, ref text) ? 1 : 0;
        if (!token.IsFinal)
            return new CompletionChunk { TimestampNs = token.TimestampNs, Text = text, TokenCount = 1, ReasoningTokenCount = reasoning };
        return new CompletionChunk
        {
            TimestampNs = token.TimestampNs,
            Text = text,
            TokenCount = 1,
            ReasoningTokenCount = reasoning,
            IsFinal = true,
            PromptTokens = request.Prompt.Length,
            CachedPromptTokens = request.CachedPromptTokens,
            CompletionTokens = _produced,
            FinishReason = token.FinishReason,
        };
    }
}
