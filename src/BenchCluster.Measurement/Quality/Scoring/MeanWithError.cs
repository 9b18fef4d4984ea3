namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>
/// Running sum and sum of squares of per-token values; the mean's standard error is sqrt((E[x²] − E[x]²)/(n − 1)),
/// the estimate llama-perplexity prints as "±".
/// </summary>
public sealed class MeanWithError
{
    public long Count { get; private set; }
    public double Sum { get; private set; }
    public double SumOfSquares { get; private set; }

    public void Add(double value)
    {
        Count++;
        Sum += value;
        SumOfSquares += value * value;
    }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>0 with fewer than two values or a variance rounding to zero or below.</summary>
    public double Error
    {
        get
        {
            if (Count < 2)
                return 0;
            var variance = SumOfSquares / Count - Mean * Mean;
            return variance > 0 ? Math.Sqrt(variance / (Count - 1)) : 0;
        }
    }
}
