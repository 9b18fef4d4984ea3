using System.Globalization;
using BenchCluster.Measurement.Quality;

namespace BenchCluster.Measurement.Results.QualityPoints;

/// <summary>
/// Checks that a quality point's repetitions measured the same thing and got the same scores. Scoring is
/// deterministic, so repetitions of one point must agree: different inputs (corpus, reference, task file, windows)
/// cannot be pooled and are reasons; scores that differ beyond <see cref="RelativeTolerance"/> are warnings (a
/// backend whose reductions are not bit-reproducible, or a node that changed between repetitions).
/// </summary>
public static class QualityAgreement
{
    /// <summary>Largest relative difference between repetitions' scores that still counts as agreeing.</summary>
    public const double RelativeTolerance = 1e-4;

    /// <summary>Each repetition against the first: the reasons (inputs differ) and warnings (scores differ).</summary>
    public static (List<string> Reasons, List<string> Warnings) Check(IReadOnlyList<(int Repetition, QualityMeasurement Quality)> scored)
    {
        var reasons = new List<string>();
        var warnings = new List<string>();
        if (scored.Count < 2)
            return (reasons, warnings);
        var (firstRepetition, first) = scored[0];
        foreach (var (repetition, other) in scored.Skip(1))
        {
            foreach (var (name, a, b) in Inputs(first, other).Where(i => !string.Equals(i.A, i.B, StringComparison.Ordinal)))
                reasons.Add($"repetition {repetition} scored {name} {b} but repetition {firstRepetition} scored {a}: the inputs changed between repetitions, so they cannot be pooled; rerun the point");
            foreach (var (name, a, b) in Scores(first, other).Where(s => Differs(s.A, s.B)))
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"repetition {repetition} gave {name} {b:G6}, repetition {firstRepetition} {a:G6} (more than {RelativeTolerance:G2} apart): scoring should be deterministic; the figures shown are repetition {firstRepetition}'s"));
        }
        return (reasons, warnings);
    }

    private static bool Differs(double a, double b)
    {
        if (a.Equals(b))
            return false;
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return !double.IsFinite(a) || !double.IsFinite(b) || Math.Abs(a - b) > RelativeTolerance * scale;
    }

    private static IEnumerable<(string Name, string A, string B)> Inputs(QualityMeasurement a, QualityMeasurement b)
    {
        yield return ("corpus SHA-256", a.CorpusSha256, b.CorpusSha256);
        yield return ("context tokens", Text(a.ContextTokens), Text(b.ContextTokens));
        yield return ("windows", Text(a.Windows), Text(b.Windows));
        yield return ("scored tokens", Text(a.ScoredTokens), Text(b.ScoredTokens));
        yield return ("reference SHA-256", a.Reference?.ReferenceSha256 ?? "none", b.Reference?.ReferenceSha256 ?? "none");
        yield return ("task file SHA-256", a.Tasks?.TaskSha256 ?? "none", b.Tasks?.TaskSha256 ?? "none");
        yield return ("task count", Text(a.Tasks?.TaskCount ?? 0), Text(b.Tasks?.TaskCount ?? 0));
    }

    private static IEnumerable<(string Name, double A, double B)> Scores(QualityMeasurement a, QualityMeasurement b)
    {
        yield return ("perplexity", a.Perplexity, b.Perplexity);
        if (a.Reference is { } ra && b.Reference is { } rb)
        {
            yield return ("mean KL-divergence", ra.KlDivergenceMean, rb.KlDivergenceMean);
            yield return ("p99 KL-divergence", ra.KlDivergenceP99, rb.KlDivergenceP99);
            yield return ("max KL-divergence", ra.KlDivergenceMax, rb.KlDivergenceMax);
            yield return ("top-1 agreement", ra.Top1Agreement, rb.Top1Agreement);
            yield return ("Δ perplexity", ra.DeltaPerplexity, rb.DeltaPerplexity);
        }
        if (a.Tasks is { } ta && b.Tasks is { } tb)
            yield return ("task accuracy", ta.Accuracy, tb.Accuracy);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
