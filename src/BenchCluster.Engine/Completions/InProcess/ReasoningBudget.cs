namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// Caps each request's reasoning at a number of tokens, as llama-server's --reasoning-budget does: once that many
/// tokens of a think span have been generated, the next token is the closing marker instead of the model's choice,
/// and the answer follows. A budget of 0 closes the span at once. Needs the markers as single tokens (the R1 distills,
/// Qwen3); the backend refuses a budget for a vocabulary without them. Decode thread only.
/// </summary>
internal sealed class ReasoningBudget(ThinkMarkers markers, int tokens)
{
    private readonly int _open = markers.OpenToken ?? throw new ArgumentException("the markers are not single tokens", nameof(markers));
    private readonly int _close = markers.CloseToken!.Value;

    public int Tokens { get; } = tokens;

    /// <summary>The state of a request starting with <paramref name="prompt"/>: its reasoning tokens left, or -1 outside a think span.</summary>
    public int Start(ReadOnlySpan<int> prompt) => markers.OpensInPrompt(prompt) ? Tokens : -1;

    /// <summary>
    /// The token to emit for the chosen <paramref name="token"/>, given the request's reasoning tokens left
    /// (<paramref name="left"/>, -1 outside a think span), which it updates.
    /// </summary>
    public int Apply(int token, ref int left)
    {
        if (left < 0)
        {
            if (token == _open)
                left = Tokens;
            return token;
        }
        if (token == _close || left == 0)
        {
            left = -1;
            return _close;
        }
        left--;
        return token;
    }
}
