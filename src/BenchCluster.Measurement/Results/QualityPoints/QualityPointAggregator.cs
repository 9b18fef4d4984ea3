using System.Globalization;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Validity;

namespace BenchCluster.Measurement.Results.QualityPoints;

/// <summary>
/// A quality point's result (docs/quality-outputs.md): the scores of its repetitions, which must agree; scored
/// tokens/s over the repetitions as the headline; VALID when every expected repetition scored without error. No
/// cost: the price of a model's tokens comes from its speed points, which outputs join beside the quality.
/// </summary>
public static class QualityPointAggregator
{
    /// <summary>The label every output carries for a synthetic model's quality figures.</summary>
    public const string SyntheticWarning =
        "synthetic model (random weights): these quality figures are the numerical fidelity of random weights against their reference, never a model's quality";

    public static PointResult Aggregate(PointKey point, JobSpec template, IReadOnlyList<JobMeasurement> measured, string? nodeName)
    {
        var reasons = new List<string>();
        var warnings = new List<string>();
        var scored = new List<(int Repetition, QualityMeasurement Quality)>();
        foreach (var repetition in measured)
        {
            if (repetition.Error is not null)
                reasons.Add($"repetition {repetition.Repetition} failed: {repetition.Error}");
            else if (repetition.Quality is null)
                reasons.Add($"repetition {repetition.Repetition} reported no quality figures (the worker's engine did not score the corpus); rerun the point");
            else
                scored.Add((repetition.Repetition, repetition.Quality));
        }
        if (measured.Count < template.RepetitionCount)
            reasons.Add($"{measured.Count} of {template.RepetitionCount} repetitions reported");
        if (scored.Count == 0)
            reasons.Add("no quality measured");
        var (inputReasons, scoreWarnings) = QualityAgreement.Check(scored);
        reasons.AddRange(inputReasons);
        warnings.AddRange(scoreWarnings);
        var first = scored.Count > 0 ? scored[0].Quality : null;
        if (first is not null)
            reasons.AddRange(NonFinite(first));

        var rates = scored.Select(s => s.Quality.ScoredTokensPerSecond).Where(double.IsFinite).ToList();
        var statistics = StatisticsCalculator.Compute(rates, template.Validity.Confidence);
        if (statistics.Cv is { } cv && cv > template.Validity.MaxCv)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"scored tokens/s varies {cv * 100:0.#} % over repetitions (more than max_cv {template.Validity.MaxCv * 100:0.#} %): the speed beside these scores is noisy; the scores are not affected"));
        if (scored.Any(s => s.Quality.IsSyntheticModel))
            warnings.Add(SyntheticWarning);

        var verdict = ActivityWarning.Apply(Verdict.From(reasons, warnings), measured);
        var quality = first is null ? null : first with { ScoredTokensPerSecond = statistics.Mean ?? first.ScoredTokensPerSecond };
        var stage = new StageResult
        {
            Index = 0,
            Kind = StageKind.Steady,
            Repetitions = scored.Count,
            Succeeded = scored.Count,
            Failed = measured.Count - scored.Count,
            Metrics = [new MetricSummary(MetricNames.ScoredTokensPerSecond, "tokens/s", MetricPooling.PerRepetition, statistics)],
            Verdict = verdict,
        };
        return new PointResult
        {
            Point = point,
            Model = template.Model.Name,
            Scenario = template.Scenario.Name,
            Kind = template.Scenario.Kind,
            Parameters = template.Parameters,
            NodeName = nodeName,
            RepetitionsExpected = template.RepetitionCount,
            RepetitionsMeasured = scored.Count,
            Stages = [stage],
            Headline = scored.Count > 0 ? stage : null,
            HeadlineValues = scored.Count > 0 ? rates : null,
            Quality = quality,
            Verdict = verdict,
        };
    }

    /// <summary>A score that is not a finite number (a NaN logit, an empty window) is a failed measurement, never a figure.</summary>
    private static IEnumerable<string> NonFinite(QualityMeasurement quality)
    {
        var figures = new List<(string Name, double Value)> { ("perplexity", quality.Perplexity) };
        if (quality.Reference is { } reference)
        {
            figures.Add(("mean KL-divergence", reference.KlDivergenceMean));
            figures.Add(("top-1 agreement", reference.Top1Agreement));
            figures.Add(("Δ perplexity", reference.DeltaPerplexity));
        }
        if (quality.Tasks is { } tasks)
            figures.Add(("task accuracy", tasks.Accuracy));
        return figures.Where(f => !double.IsFinite(f.Value))
            .Select(f => $"{f.Name} is {f.Value.ToString(CultureInfo.InvariantCulture)}, not a number: the model's logits overflowed or no token was scored; check the model file and the corpus");
    }
}
