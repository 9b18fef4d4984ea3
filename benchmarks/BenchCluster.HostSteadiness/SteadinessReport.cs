using System.Globalization;
using System.Text;
using BenchCluster.Measurement.Statistics;

namespace BenchCluster.HostSteadiness;

/// <summary>
/// What a timeline of equal work says: its rates and their spread, and how often repetitions placed the way the quick
/// start places them (windows of a given length, a given spacing apart, several points interleaved) would pass the
/// verdict's CV rule (the upper 95 % bound of the CV at most max CV). The work never changes, so a failure is the machine's.
/// </summary>
internal sealed class SteadinessReport(WorkTimeline timeline)
{
    private const double Confidence = 0.95;

    public string Render(SteadinessOptions options)
    {
        var text = new StringBuilder();
        var rates = timeline.Rates;
        var statistics = StatisticsCalculator.Compute(rates);
        var median = statistics.Median!.Value;
        var min = statistics.Min!.Value;
        text.AppendLine(Invariant($"{rates.Count} values of {timeline.RateName} over {timeline.DurationSeconds:0} s: median {median:0.###}, min {min:0.###} ({min / median:P0} of the median), 5th percentile {StatisticsCalculator.Quantile(rates, 0.05):0.###}, CV {statistics.Cv:P1}"));
        text.AppendLine(Invariant($"values under 95 % of the median: {rates.Count(r => r < 0.95 * median)}; under 90 %: {rates.Count(r => r < 0.9 * median)}; longest run under 90 %: {LongestRun(rates, r => r < 0.9 * median)}"));
        foreach (var (label, spacing) in new[] { ("interleaved, the quick start's spacing", options.Spacing), ("back to back, llama-bench's spacing", options.Window) })
        {
            var (placements, single, all) = VerdictPassRates(options, spacing.TotalSeconds);
            text.AppendLine(Invariant($"{label} ({options.Repetitions} repetitions of {options.Window.TotalSeconds:0.##} s, {spacing.TotalSeconds:0.##} s apart, {placements} placements): one point VALID in {single:P0}; all {options.Points} interleaved points VALID in {all:P0}"));
        }
        return text.ToString();
    }

    /// <summary>
    /// Over placements one second apart: the share where one point's repetitions pass the CV rule, and the share where
    /// all points pass it, point p starting p·spacing/points after point 0 (the quick start interleaves its points).
    /// </summary>
    private (int Placements, double Single, double All) VerdictPassRates(SteadinessOptions options, double spacing)
    {
        var window = options.Window.TotalSeconds;
        var span = options.Repetitions * spacing + window;
        int placements = 0, singlePass = 0, allPass = 0;
        for (var offset = 0.0; offset + span <= timeline.DurationSeconds; offset += 1)
        {
            placements++;
            var passes = Enumerable.Range(0, options.Points).Select(p =>
            {
                var pointStart = offset + p * spacing / options.Points;
                var repetitions = Enumerable.Range(0, options.Repetitions).Select(r => timeline.RepetitionRate(pointStart + r * spacing, window)).ToArray();
                return CvBound.Compute(repetitions, Confidence) is { } bound && bound.Upper <= options.MaxCv;
            }).ToArray();
            singlePass += passes[0] ? 1 : 0;
            allPass += passes.All(p => p) ? 1 : 0;
        }
        return placements == 0 ? (0, 0, 0) : (placements, (double)singlePass / placements, (double)allPass / placements);
    }

    private static int LongestRun(IReadOnlyList<double> values, Func<double, bool> predicate)
    {
        int longest = 0, current = 0;
        foreach (var value in values)
        {
            current = predicate(value) ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }
        return longest;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
