namespace BenchCluster.Remote;

/// <summary>
/// How many tokens one streamed event carries. SSE events are not tokens: servers coalesce several
/// tokens into one event (speculative decoding, stop-string hold-back) and send events without any.
/// In order of preference:
/// <list type="number">
/// <item>benchcluster.tokens, which <c>benchcluster serve</c> sends with every event: exact;</item>
/// <item>a running count carried by the event — llama-server's timings.predicted_n (sent with timings_per_token),
/// or usage.completion_tokens in an event that also carries a choice (vLLM's continuous_usage_stats, and
/// llama-server's last /v1/completions event): the event holds the tokens not yet attributed to earlier events;</item>
/// <item>otherwise 1 for an event with non-empty text and 0 for one without.</item>
/// </list>
/// The server's final usage.completion_tokens is kept beside the sum, so a disagreement can be flagged. Counts of the
/// first two kinds are exact; the last is a guess, and says so, so that per-token ITL is not derived from it.
/// </summary>
internal sealed class EventTokenCounter
{
    /// <summary>Sum of the counts handed out so far.</summary>
    public int Total { get; private set; }

    public (int Tokens, bool Exact) Count(in StreamEvent e)
    {
        int tokens;
        var exact = true;
        if (e.ReportedTokens is { } reported)
        {
            tokens = Math.Max(0, reported);
        }
        else if (RunningCount(e) is { } soFar)
        {
            tokens = (int)Math.Clamp(soFar - Total, 0, int.MaxValue);
        }
        else
        {
            tokens = e.HasText ? 1 : 0;
            exact = false;
        }
        Total += tokens;
        return (tokens, exact);
    }

    private static long? RunningCount(in StreamEvent e) =>
        e.PredictedTokens ?? (e.HasChoice ? e.CompletionTokens : null);
}
