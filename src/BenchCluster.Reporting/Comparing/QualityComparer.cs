using MathNet.Numerics.Distributions;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Comparing;

/// <summary>
/// Compares the scores of a quality point in BASE and NEW. Scores are deterministic and come with one standard error
/// each, so no repetitions are tested: a figure is worse when it moved the bad way by more than the threshold (relative
/// to base) and |Δ| exceeds z(1 − α/2) × √(σ_base² + σ_new²). Treating the two errors as independent is conservative:
/// both sides scored the same tokens, so the error of their difference is smaller than this.
/// Scores over another corpus, context size, reference or task file are not compared.
/// </summary>
public static class QualityComparer
{
    public static (IReadOnlyList<QualityComparison> Figures, string? Note) Compare(ResultRecord baseRecord, ResultRecord newRecord, ComparisonOptions options)
    {
        if (baseRecord.Quality is not { Source: ResultQuality.Measured } b || newRecord.Quality is not { Source: ResultQuality.Measured } n)
            return ([], baseRecord.Quality is null != (newRecord.Quality is null) ? "quality measured on one side only" : null);
        if (b.CorpusSha256 != n.CorpusSha256 || b.ContextTokens != n.ContextTokens)
            return ([], "quality not compared: the corpus or the context size differs");
        var z = Normal.InvCDF(0, 1, 1 - options.Alpha / 2);
        var figures = new List<QualityComparison> { Figure("perplexity", b.Perplexity, n.Perplexity, b.PerplexityError, n.PerplexityError, true, options.Threshold, z) };
        string? note = null;
        if (b.ReferenceSha256 is not null && b.ReferenceSha256 == n.ReferenceSha256)
        {
            if (b.KlDivergenceMean is { } bk && n.KlDivergenceMean is { } nk)
                figures.Add(Figure("kld_mean", bk, nk, b.KlDivergenceMeanError, n.KlDivergenceMeanError, true, options.Threshold, z));
            if (b.Top1Agreement is { } bt && n.Top1Agreement is { } nt)
                figures.Add(Figure("top1_agreement", bt, nt, b.Top1AgreementError, n.Top1AgreementError, false, options.Threshold, z));
        }
        else if (b.ReferenceSha256 is not null || n.ReferenceSha256 is not null)
            note = "KL-divergence not compared: the reference differs";
        if (b.TaskSha256 is not null && b.TaskSha256 == n.TaskSha256 && b.TaskAccuracy is { } ba && n.TaskAccuracy is { } na)
            figures.Add(Figure("task_accuracy", ba, na, b.TaskAccuracyError, n.TaskAccuracyError, false, options.Threshold, z));
        return (figures, note);
    }

    private static QualityComparison Figure(
        string metric, double baseValue, double newValue, double? baseError, double? newError, bool higherIsWorse, double threshold, double zCritical)
    {
        var delta = newValue - baseValue;
        var spread = Math.Sqrt(Square(baseError) + Square(newError));
        var z = spread > 0 ? Math.Abs(delta) / spread : (double?)null;
        var significant = z is { } zz ? zz > zCritical : delta != 0;
        var beyond = baseValue != 0 ? Math.Abs(delta) > threshold * Math.Abs(baseValue) : delta != 0;
        var moved = significant && beyond && double.IsFinite(delta);
        var worse = moved && (higherIsWorse ? delta > 0 : delta < 0);
        return new QualityComparison
        {
            Metric = metric,
            Base = baseValue,
            New = newValue,
            BaseError = baseError,
            NewError = newError,
            HigherIsWorse = higherIsWorse,
            ChangePercent = baseValue != 0 ? delta / baseValue * 100 : null,
            Z = z,
            IsWorse = worse,
            IsBetter = moved && !worse,
        };
    }

    private static double Square(double? error) => error is { } e && double.IsFinite(e) ? e * e : 0;
}
