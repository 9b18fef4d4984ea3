using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace BenchCluster.Reporting.Comparing;

/// <summary>
/// Tests two sets of per-repetition values with Perfolizer. Mann–Whitney U assumes nothing about the distribution (a
/// stalled repetition on a loaded machine does not swamp it as it swamps a mean) but its smallest two-sided p-value is
/// 0.1 with 3 against 3 repetitions and 0.029 with 4 against 4, so below <see cref="RankTestMinimum"/> values a side
/// Welch's t-test (unequal variances) judges instead. From 5 against 5 the rank test can reach p = 0.008.
/// </summary>
internal static class SignificanceTester
{
    public const int RankTestMinimum = 5;
    public const string Welch = "welch-t";
    public const string MannWhitney = "mann-whitney-u";

    /// <summary>Null when either side has fewer than two values.</summary>
    public static SignificanceResult? Test(IReadOnlyList<double> baseValues, IReadOnlyList<double> newValues)
    {
        if (baseValues.Count < 2 || newValues.Count < 2)
            return null;
        var x = new Sample(newValues.ToArray());
        var y = new Sample(baseValues.ToArray());
        if (baseValues.Count >= RankTestMinimum && newValues.Count >= RankTestMinimum)
            return new SignificanceResult(MannWhitney, MannWhitneyTest.Instance.Perform(x, y, AlternativeHypothesis.TwoSides, Threshold.Zero).PValue.Value);
        var p = WelchTest.Instance.Perform(x, y, AlternativeHypothesis.TwoSides, Threshold.Zero).PValue.Value;
        // Both sides without spread: t is infinite (or 0/0); identical values are the same, different ones differ for sure.
        if (double.IsNaN(p))
            p = baseValues.Average() == newValues.Average() ? 1 : 0;
        return new SignificanceResult(Welch, p);
    }
}
