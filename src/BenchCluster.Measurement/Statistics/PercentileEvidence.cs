using MathNet.Numerics.Distributions;

namespace BenchCluster.Measurement.Statistics;

/// <summary>
/// Whether n samples establish that a latency percentile is within a bound (MLPerf's early-stopping idea):
/// with k of n samples above the bound, the claim "the p-quantile ≤ bound" holds at confidence c when
/// P(Binomial(n, 1 − p) ≤ k) ≤ 1 − c, i.e. so few exceedances would be unlikely if the quantile sat at the bound.
/// </summary>
public static class PercentileEvidence
{
    public static bool Establishes(int samples, int exceedances, double percentile, double confidence)
    {
        if (samples <= 0 || exceedances >= samples)
            return false;
        var tailProbability = 1 - percentile;
        return Binomial.CDF(tailProbability, samples, exceedances) <= 1 - confidence;
    }

    /// <summary>Fewest samples that can establish the percentile when none exceeds the bound: ⌈ln(1 − c) / ln(p)⌉.</summary>
    public static int MinimumSamples(double percentile, double confidence) =>
        (int)Math.Ceiling(Math.Log(1 - confidence) / Math.Log(percentile));
}
