namespace BenchCluster.Measurement.Workloads;

/// <summary>
/// Uniformly random token ids, as llama-bench feeds its pp and depth runs (the content does not change the cost of
/// a decode). The first token of a run from an empty context is BOS when the model adds one.
/// </summary>
public static class RandomTokens
{
    public static int[] Draw(int count, int vocabularySize, Random random, int? firstToken = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        var tokens = new int[count];
        for (var i = 0; i < count; i++)
            tokens[i] = random.Next(vocabularySize);
        if (count > 0 && firstToken is { } first)
            tokens[0] = first;
        return tokens;
    }
}
