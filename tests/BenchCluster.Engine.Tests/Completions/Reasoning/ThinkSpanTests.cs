using BenchCluster.Engine.Completions.InProcess;

namespace BenchCluster.Engine.Tests.Completions.Reasoning;

/// <summary>Which generated tokens are reasoning, by marker token id and, where the vocabulary has none, by text.</summary>
public sealed class ThinkSpanTests
{
    private const int Open = 900;
    private const int Close = 901;
    private static readonly ThinkMarkers ById = ThinkMarkers.Find(text => text == ThinkMarkers.Open ? [Open] : text == ThinkMarkers.Close ? [Close] : []);
    private static readonly ThinkMarkers ByText = ThinkMarkers.Find(text => [1, 2, 3]);

    [Fact]
    public void Markers_found_as_single_tokens_delimit_the_reasoning_and_lose_their_text()
    {
        var span = new ThinkSpan(ById, startsInside: false);
        var tokens = new[] { (Open, "<think>"), (5, "hm"), (Close, "</think>"), (6, "Yes") };

        var classified = tokens.Select(t =>
        {
            var text = t.Item2;
            return (span.Classify(t.Item1, ref text), text);
        }).ToList();

        Assert.Equal([(true, ""), (true, "hm"), (true, ""), (false, "Yes")], classified);
    }

    [Fact]
    public void A_closing_marker_after_the_span_has_closed_is_answer_text_as_llama_server_streams_it()
    {
        var span = new ThinkSpan(ById, startsInside: true);
        var tokens = new[] { (Close, "</think>"), (Close, "</think>"), (6, "Yes") };

        var classified = tokens.Select(t =>
        {
            var text = t.Item2 == "</think>" ? "" : t.Item2; // the marker's own piece renders empty
            return (span.Classify(t.Item1, ref text), text);
        }).ToList();

        Assert.Equal([(true, ""), (false, "</think>"), (false, "Yes")], classified);
    }

    [Fact]
    public void A_prompt_that_leaves_the_span_open_starts_the_answer_inside_it()
    {
        Assert.True(ById.OpensInPrompt([1, Open, 7]));
        Assert.False(ById.OpensInPrompt([1, Open, 7, Close, 8]));
        Assert.False(ById.OpensInPrompt([1, 2]));
        Assert.False(ByText.OpensInPrompt([1, Open]));
    }

    [Fact]
    public void Without_marker_tokens_the_text_finds_a_marker_spelled_over_several_tokens()
    {
        Assert.False(ByText.ByToken);
        var span = new ThinkSpan(ByText, startsInside: false);
        var pieces = new[] { "Hi", "<", "think", ">", "a", "</", "think>", "Yes" };

        var reasoning = pieces.Select(p =>
        {
            var text = p;
            return span.Classify(0, ref text);
        }).ToList();

        // The token completing "<think>" opens the span, the one completing "</think>" is its last.
        Assert.Equal([false, false, false, true, true, true, true, false], reasoning);
    }
}
