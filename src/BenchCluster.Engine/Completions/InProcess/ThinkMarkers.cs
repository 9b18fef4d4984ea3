namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// How a model marks its reasoning: the token ids of "&lt;think&gt;" and "&lt;/think&gt;" where its vocabulary has them
/// as single tokens (the DeepSeek-R1 distills, Qwen3), else the marker texts, found in the generated text.
/// </summary>
internal sealed class ThinkMarkers
{
    public const string Open = "<think>";
    public const string Close = "</think>";

    private ThinkMarkers(int? openToken, int? closeToken)
    {
        OpenToken = openToken;
        CloseToken = closeToken;
    }

    /// <summary>Token id of the opening marker; null when the vocabulary spells it with several tokens.</summary>
    public int? OpenToken { get; }

    /// <summary>Token id of the closing marker; null when the vocabulary spells it with several tokens.</summary>
    public int? CloseToken { get; }

    public bool ByToken => OpenToken is not null && CloseToken is not null;

    /// <summary>The markers of a vocabulary, given its tokenizer (text → ids, special tokens parsed).</summary>
    public static ThinkMarkers Find(Func<string, int[]> tokenize)
    {
        var open = tokenize(Open);
        var close = tokenize(Close);
        return open.Length == 1 && close.Length == 1 && open[0] != close[0]
            ? new ThinkMarkers(open[0], close[0])
            : new ThinkMarkers(null, null);
    }

    /// <summary>
    /// True when the prompt leaves a think span open (the R1 distills' template ends its generation prompt with
    /// "&lt;think&gt;\n"): the answer then starts inside the reasoning. Only where the markers are single tokens.
    /// </summary>
    public bool OpensInPrompt(ReadOnlySpan<int> prompt) =>
        ByToken && prompt.LastIndexOf(OpenToken!.Value) is var open and >= 0 && prompt.LastIndexOf(CloseToken!.Value) < open;
}
