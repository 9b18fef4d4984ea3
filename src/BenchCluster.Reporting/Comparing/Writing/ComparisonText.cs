using System.Globalization;

namespace BenchCluster.Reporting.Comparing.Writing;

/// <summary>How the comparison's numbers read in the table and the Markdown, so both say the same thing.</summary>
internal static class ComparisonText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Throughput(double? value) => value is { } v ? v.ToString("0.0", Invariant) : "—";

    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.000", Invariant) + "×" : "—";

    public static string Change(double? percent) => percent is { } p ? (p >= 0 ? "+" : "") + p.ToString("0.0", Invariant) + " %" : "—";

    public static string PValue(double? p) => p switch
    {
        null => "—",
        < 0.001 => "<0.001",
        { } v => v.ToString("0.000", Invariant),
    };

    public static string Confidence(double? confidence) => confidence switch
    {
        null => "—",
        > 0.999 => ">99.9 %",
        { } c => (c * 100).ToString("0.0", Invariant) + " %",
    };

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", Invariant) + " %";

    public static string Verdict(PointComparison point) => point.IsRegression ? "REGRESSION" : point.Verdict.ToString();

    public static string Latency(LatencyComparison latency) =>
        $"{latency.Metric} {latency.Percentile} {latency.Base.ToString("0.##", Invariant)} → {latency.New.ToString("0.##", Invariant)} ms ({Ratio(latency.Ratio)})";

    /// <summary>"kld_mean 0.0312 ± 0.0011 → 0.0451 ± 0.0012 (+44.6 %, z 8.5)".</summary>
    public static string Quality(QualityComparison q) =>
        $"{q.Metric} {Figure(q.Base, q.BaseError)} → {Figure(q.New, q.NewError)} ({Change(q.ChangePercent)}{(q.Z is { } z ? ", z " + z.ToString("0.#", Invariant) : "")})";

    private static string Figure(double value, double? error) =>
        value.ToString("G4", Invariant) + (error is { } e ? " ± " + e.ToString("G2", Invariant) : "");

    public static string Summary(ComparisonReport report) =>
        $"{report.Points.Count} matched point(s): {report.Faster} faster, {report.Slower} slower, {report.Same} same, {report.Unknown} unknown; " +
        $"{report.Regressions} regression(s) (significantly slower, or a quality figure significantly worse, by more than {Percent(report.Threshold)}, α = {report.Alpha.ToString("0.###", Invariant)}); " +
        $"{report.OnlyInBase.Count} only in base, {report.OnlyInNew.Count} only in new.";

    public static string Run(ComparedRun run) =>
        $"{run.RunId}{(run.Reference != run.RunId.ToString() ? $" ({run.Reference})" : "")}" +
        $"{(run.SuiteName is null ? "" : $" suite {run.SuiteName}")}{(run.SubmittedAt is { } at ? $", {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}";
}
