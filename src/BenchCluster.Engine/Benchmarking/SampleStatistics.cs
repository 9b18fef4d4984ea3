namespace BenchCluster.Engine.Benchmarking;

/// <summary>llama-bench's two statistics, so our avg/stddev mean exactly what its columns mean.</summary>
internal static class SampleStatistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            return 0;
        var sum = 0.0;
        foreach (var v in values)
            sum += v;
        return sum / values.Count;
    }

    /// <summary>Sample standard deviation (n − 1); 0 for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
            return 0;
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (values.Count - 1));
    }
}
