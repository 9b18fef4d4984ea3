namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>
/// One logits row turned into log-probabilities in double: log p_i = l_i − max − log Σ exp(l_j − max). Summing in
/// double keeps a 150 000-entry vocabulary's normaliser exact to well under the 0.1 % perplexity agreement we claim.
/// </summary>
public readonly record struct LogSoftmax(double Max, double LogNormalizer, int ArgMax)
{
    public static LogSoftmax Of(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty)
            throw new ArgumentException("A logits row needs at least one entry.", nameof(logits));
        var max = logits[0];
        var argMax = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > max)
            {
                max = logits[i];
                argMax = i;
            }
        }
        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
            sum += Math.Exp((double)logits[i] - max);
        return new LogSoftmax(max, Math.Log(sum), argMax);
    }

    /// <summary>log p of entry <paramref name="index"/> of the row this was computed from.</summary>
    public double LogProbability(ReadOnlySpan<float> logits, int index) => logits[index] - Max - LogNormalizer;
}
