using BenchCluster.Measurement.Quality.Tasks;

namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>
/// HellaSwag-style accuracy as llama-perplexity's hellaswag_score computes it: each ending is tokenized as
/// context + " " + ending (with BOS), the tokens after the prefix all endings share are scored, the ending with the
/// highest average log-probability wins. Accuracy's error is sqrt(p(1 − p)/(n − 1)).
/// </summary>
public static class MultipleChoiceScorer
{
    public static async Task<QualityTaskScore> ScoreAsync(IQualityModel model, TaskFile set, int contextTokens, CancellationToken cancellationToken)
    {
        if (set.Tasks.Count == 0)
            throw new QualityInputException(set.Path, $"The task file {set.Path} holds no tasks: give it at least one line of ctx, endings and label.");
        var sink = new EndingLogProbabilitySink();
        var correct = 0;
        for (var t = 0; t < set.Tasks.Count; t++)
        {
            var task = set.Tasks[t];
            var sequences = new int[task.Endings.Count][];
            for (var e = 0; e < sequences.Length; e++)
                sequences[e] = await model.TokenizeAsync(task.Context + " " + task.Endings[e], cancellationToken);
            var prefix = CommonPrefix(sequences);
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var e = 0; e < sequences.Length; e++)
            {
                var sequence = sequences[e];
                if (sequence.Length < 2)
                    throw new QualityInputException(set.Path, $"Task {t + 1} of {set.Path}, ending {e}, tokenizes to {sequence.Length} token: give it a context and a non-empty ending.");
                if (sequence.Length > contextTokens)
                    throw new QualityInputException(set.Path,
                        $"Task {t + 1} of {set.Path}, ending {e}, tokenizes to {sequence.Length} tokens, more than the context of {contextTokens}: raise quality.contextTokens or shorten the task.");
                sink.Reset(sequence);
                await model.ScoreAsync(sequence, prefix - 1, sink, cancellationToken);
                var average = sink.Sum / (sequence.Length - prefix);
                if (average > bestScore)
                {
                    bestScore = average;
                    best = e;
                }
            }
            if (best == task.Label)
                correct++;
        }
        var n = set.Tasks.Count;
        var accuracy = (double)correct / n;
        return new QualityTaskScore
        {
            TaskFile = set.Path,
            TaskSha256 = set.Sha256,
            TaskCount = n,
            Accuracy = accuracy,
            AccuracyError = n > 1 ? Math.Sqrt(accuracy * (1 - accuracy) / (n - 1)) : 0,
        };
    }

    /// <summary>
    /// Tokens every ending's sequence shares, kept at least one short of the shortest so every ending scores at least
    /// one token, and at least one so there is a row to predict from.
    /// </summary>
    internal static int CommonPrefix(int[][] sequences)
    {
        var shortest = sequences.Min(s => s.Length);
        var prefix = 0;
        while (prefix < shortest - 1 && sequences.All(s => s[prefix] == sequences[0][prefix]))
            prefix++;
        return Math.Max(1, prefix);
    }
}
