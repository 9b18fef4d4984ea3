namespace BenchCluster.Engine.Benchmarking;

/// <summary>
/// One test of <see cref="BindingOverheadBenchmark"/>: tokens/s of our public API (timed by the caller, around the
/// await) and of the reference C-API loop (timed on the decode thread), repetition by repetition.
/// </summary>
public sealed record BindingOverheadResult(string Test, IReadOnlyList<double> OursTokensPerSecond, IReadOnlyList<double> ReferenceTokensPerSecond)
{
    /// <summary>Median over repetitions of ours / reference, each pair measured back to back.</summary>
    public double MedianRatio
    {
        get
        {
            var ratios = OursTokensPerSecond.Zip(ReferenceTokensPerSecond, (o, r) => o / r).Order().ToArray();
            return ratios.Length == 0 ? double.NaN
                : ratios.Length % 2 == 1 ? ratios[ratios.Length / 2]
                : (ratios[ratios.Length / 2 - 1] + ratios[ratios.Length / 2]) / 2;
        }
    }

}
