namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// One request's position relative to its think span: every token from the opening marker to the closing one
/// (both included) is reasoning; a closing marker outside a span is answer text. Found by token id where the vocabulary has the markers, whose tokens then carry no
/// text (llama-server's deepseek reasoning format strips them too); else by text, which flips the state at the token
/// that completes a marker (the tokens spelling the marker before it keep the state they had).
/// </summary>
internal sealed class ThinkSpan(ThinkMarkers markers, bool startsInside)
{
    /// <summary>Longest text kept to find a marker split over several tokens.</summary>
    private const int TailChars = 16;

    private string _tail = "";

    public bool Inside { get; private set; } = startsInside;

    /// <summary>Classifies one generated token; returns true when it is reasoning. <paramref name="text"/> loses a marker's text.</summary>
    public bool Classify(int token, ref string text)
    {
        if (markers.ByToken)
        {
            if (token == markers.OpenToken || (token == markers.CloseToken && Inside))
            {
                Inside = token == markers.OpenToken;
                text = "";
                return true;
            }
            // A closing marker after the span has closed is answer text, as llama-server streams it ("</think>" in
            // content): a model that closes its reasoning at once and repeats the marker has answered, not reasoned.
            if (token == markers.CloseToken)
                text = ThinkMarkers.Close;
            return Inside;
        }
        var wasInside = Inside;
        _tail += text;
        if (_tail.Length > TailChars)
            _tail = _tail[^TailChars..];
        if (!Inside && _tail.EndsWith(ThinkMarkers.Open, StringComparison.Ordinal))
            Inside = true;
        else if (Inside && _tail.EndsWith(ThinkMarkers.Close, StringComparison.Ordinal))
            Inside = false;
        return wasInside || Inside;
    }
}
