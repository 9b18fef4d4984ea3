using BenchCluster.Engine.Completions;

namespace BenchCluster.Remote;

/// <summary>Turns one parsed event and its token count into a chunk, splitting the count between reasoning and answer.</summary>
internal static class StreamChunk
{
    /// <summary>
    /// All of an event's tokens are reasoning when it carries a reasoning field (even empty) and no answer text, none without one.
    /// An event with both (the one where the thinking ends) has no per-part count from any server: its tokens are split
    /// by the share of characters, keeping at least one for the answer so the event still marks the first answer token.
    /// </summary>
    public static CompletionChunk Create(in StreamEvent e, long arrivalNs, int tokens, bool exact)
    {
        var reasoning = e.ReasoningText ?? "";
        var answer = e.Text ?? "";
        var reasoningTokens = e.ReasoningText is null ? 0
            : answer.Length == 0 ? tokens
            : Math.Clamp((int)Math.Round(tokens * (double)reasoning.Length / (reasoning.Length + answer.Length)), 0, Math.Max(0, tokens - 1));
        return new CompletionChunk
        {
            TimestampNs = arrivalNs,
            Text = reasoning + answer,
            TokenCount = tokens,
            TokenCountExact = exact,
            ReasoningTokenCount = reasoningTokens,
        };
    }
}
