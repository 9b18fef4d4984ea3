namespace BenchCluster.Engine.Remote;

/// <summary>
/// How many tokens one streamed event carries. SSE events are not tokens: servers coalesce several
/// tokens into one event (speculative decoding, stop-string hold-back) and send events without any.
/// In order of preference:
/// <list type="number">
/// <item>benchcluster.tokens, which <c>benchcluster serve</c> sends with every event: exact;</item>
/// <item>the growth of llama-server's timings.predicted_n (when the request asks for timings_per_token);</item>
/// <item>the growth of usage.completion_tokens in events that carry a choice (vLLM's continuous_usage_stats);</item>
/// <item>otherwise 1 for an event with non-empty text and 0 for one without.</item>
/// </list>
/// The server's final usage.completion_tokens is kept beside the sum, so a disagreement can be flagged.
/// </summary>
internal sealed class EventTokenCounter
{
    private long _predictedSoFar;
    private long _usageSoFar;

    /// <summary>Sum of the counts handed out so far.</summary>
    public int Total { get; private set; }

    public int Count(in StreamEvent e)
    {
        int tokens;
        if (e.ReportedTokens is { } reported)
        {
            tokens = reported;
        }
        else if (e.PredictedTokens is { } predicted)
        {
            tokens = (int)Math.Max(0, predicted - _predictedSoFar);
            _predictedSoFar = Math.Max(_predictedSoFar, predicted);
        }
        else if (e.HasChoice && e.CompletionTokens is { } usage)
        {
            tokens = (int)Math.Max(0, usage - _usageSoFar);
            _usageSoFar = Math.Max(_usageSoFar, usage);
        }
        else
        {
            tokens = string.IsNullOrEmpty(e.Text) ? 0 : 1;
        }
        tokens = Math.Max(0, tokens);
        Total += tokens;
        return tokens;
    }
}
