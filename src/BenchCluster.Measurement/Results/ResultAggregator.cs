using System.Globalization;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results.QualityPoints;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;

namespace BenchCluster.Measurement.Results;

/// <summary>
/// Turns a point's raw repetitions into its result: warm-up excluded, stages aligned over repetitions, statistics,
/// verdicts and cost. Pure: the same measurements always give the same result.
/// </summary>
public static class ResultAggregator
{
    /// <summary>Slo-search's selected stage: each repetition's highest passing rate stage, pooled.</summary>
    public const int SelectedStageIndex = -1;

    public static PointResult Aggregate(
        PointKey point, JobSpec template, IReadOnlyList<JobMeasurement> repetitions, CostInputs cost, string? nodeName = null)
    {
        var kind = template.Scenario.Kind;
        var thresholds = template.Validity;
        var measured = repetitions.Where(r => r.PointId == point.Id).OrderBy(r => r.Repetition).ToList();
        if (ScenarioKinds.IsQuality(kind))
            return QualityPointAggregator.Aggregate(point, template, measured, nodeName);
        var jobErrors = measured.Where(r => r.Error is not null).Select(r => $"repetition {r.Repetition} failed: {r.Error}").ToList();
        var percentileSlo = kind is ScenarioKind.Concurrency or ScenarioKind.Poisson or ScenarioKind.Gamma or ScenarioKind.Trace ? template.Slo : null;

        var grouped = GroupStages(measured);
        var stages = grouped
            .Select(s => BuildStage(s, kind, template.Slo, thresholds, template.RepetitionCount, percentileSlo))
            .ToList();
        var pointMetrics = new List<MetricSummary>();
        var extraReasons = new List<string>();
        var extraWarnings = new List<string>();
        StageResult? headline;
        IReadOnlyList<Sample> headlineSamples;
        IReadOnlyList<double>? headlineValues;
        if (kind == ScenarioKind.SloSearch)
        {
            var selected = SelectSloStages(measured, template.Slo, thresholds, pointMetrics, extraReasons, extraWarnings);
            headline = selected.Slices.Any(s => s.Samples.Count > 0)
                ? BuildStage(selected, kind, template.Slo, thresholds, template.RepetitionCount, template.Slo)
                : null;
            headlineSamples = selected.All.ToList();
            headlineValues = headline is null ? null : StageMetricsCalculator.HeadlineValues(selected, kind);
            if (headline is not null)
                stages.Add(headline);
        }
        else
        {
            headline = kind == ScenarioKind.Sweep ? SweepHeadline(stages, template.Slo) : stages.FirstOrDefault();
            headlineSamples = headline is null ? [] : measured.SelectMany(r => r.Samples).Where(s => !s.IsWarmup && s.Stage == headline.Index).ToList();
            var headlineStage = headline is null ? null : grouped.FirstOrDefault(g => g.Index == headline.Index);
            headlineValues = headlineStage is null ? null : StageMetricsCalculator.HeadlineValues(headlineStage, kind);
        }

        var verdict = ActivityWarning.Apply(
            PointVerdict(kind, stages, headline, [.. jobErrors, .. extraReasons], extraWarnings, template.RepetitionCount, measured.Count), measured);
        var power = MeasuredPower.Of(measured);
        return new PointResult
        {
            Point = point,
            Model = template.Model.Name,
            Scenario = template.Scenario.Name,
            Kind = kind,
            Parameters = template.Parameters,
            NodeName = nodeName,
            RepetitionsExpected = template.RepetitionCount,
            RepetitionsMeasured = measured.Count(r => r.Samples.Any(s => !s.IsWarmup)),
            Stages = stages,
            Headline = headline,
            HeadlineValues = headlineValues,
            PointMetrics = pointMetrics,
            Cost = PointCostCalculator.Compute(kind, headline, headlineSamples, cost, template.Slo, power.Watts, power.Source),
            Energy = PointEnergyCalculator.Compute(kind, headline, cost, power),
            Verdict = verdict,
        };
    }

    private static List<StageSamples> GroupStages(IReadOnlyList<JobMeasurement> measured)
    {
        var indices = measured.SelectMany(r => r.Samples.Where(s => !s.IsWarmup).Select(s => s.Stage))
            .Concat(measured.SelectMany(r => r.Stages.Select(s => s.Index)))
            .Distinct().Order().ToList();
        if (indices.Count == 0)
            indices.Add(0);
        return indices.Select(index =>
        {
            var slices = measured.Select(r => new RepetitionSlice(
                r.Repetition,
                r.Samples.Where(s => !s.IsWarmup && s.Stage == index).ToList(),
                r.Stages.FirstOrDefault(s => s.Index == index))).ToList();
            var kind = slices.Select(s => s.Stage?.Kind).FirstOrDefault(k => k is not null) ?? StageKind.Steady;
            return new StageSamples(index, kind, slices);
        }).ToList();
    }

    private static StageResult BuildStage(
        StageSamples stage, ScenarioKind kind, SloSpec? slo, ValidityThresholds thresholds, int expected, SloSpec? percentileSlo)
    {
        var metrics = StageMetricsCalculator.Compute(stage, kind, slo, thresholds.Confidence);
        var evidence = StageEvidenceBuilder.Build(stage, kind, expected, thresholds, percentileSlo, metrics);
        var all = stage.All.ToList();
        return new StageResult
        {
            Index = stage.Index,
            Kind = stage.Kind,
            TargetRate = stage.MeanTargetRate,
            Concurrency = stage.Concurrency,
            Burstiness = stage.Burstiness,
            Repetitions = stage.Slices.Count(s => s.Samples.Count > 0),
            Succeeded = all.Count(s => s.Succeeded),
            Failed = all.Count(s => !s.Succeeded),
            Metrics = metrics,
            Verdict = VerdictRules.Evaluate(evidence, thresholds),
        };
    }

    /// <summary>
    /// For each repetition, its passing rate stage with the highest target rate. Stages whose client fell behind
    /// are never selected (their rate was not offered); each one is named in a warning, since the search could not
    /// look above it and the reported rate may then understate what the server sustains.
    /// </summary>
    private static StageSamples SelectSloStages(
        IReadOnlyList<JobMeasurement> measured, SloSpec? slo, ValidityThresholds thresholds, List<MetricSummary> pointMetrics,
        List<string> reasons, List<string> warnings)
    {
        var slices = new List<RepetitionSlice>();
        var bestRates = new List<double>();
        foreach (var repetition in measured)
        {
            List<(StageRun Run, SloStageOutcome Outcome)> judged = slo is null ? [] : repetition.Stages
                .Where(s => s.Kind == StageKind.Rate && s.TargetRate is not null)
                .Select(s => new StageRun(repetition.Samples.Where(x => !x.IsWarmup && x.Stage == s.Index).ToList(), s))
                .Where(run => run.Samples.Count > 0)
                .Select(run => (Run: run, Outcome: SloSearchScenario.Judge(run, slo, thresholds)))
                .ToList();
            foreach (var (run, _) in judged.Where(j => j.Outcome == SloStageOutcome.NotMeasured))
                warnings.Add(NotMeasuredWarning(repetition.Repetition, run, thresholds));
            var best = judged.Where(j => j.Outcome == SloStageOutcome.Passed).Select(j => j.Run).MaxBy(run => run.Stage.TargetRate);
            if (best is null)
            {
                reasons.Add($"repetition {repetition.Repetition}: no tested rate met the SLOs with the client on schedule");
                bestRates.Add(0);
                continue;
            }
            bestRates.Add(best.Stage.TargetRate!.Value);
            slices.Add(new RepetitionSlice(repetition.Repetition, best.Samples, best.Stage));
        }
        pointMetrics.Add(new MetricSummary(MetricNames.MaxRateWithinSlo, "requests/s", MetricPooling.PerRepetition,
            StatisticsCalculator.Compute(bestRates, thresholds.Confidence)));
        return new StageSamples(SelectedStageIndex, StageKind.Rate, slices);
    }

    private static string NotMeasuredWarning(int repetition, StageRun run, ValidityThresholds thresholds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"repetition {repetition}: {run.Stage.TargetRate:0.###} req/s (stage {run.Stage.Index}) was not measured: the client fell behind, p99 send lag {RequestMetrics.SendLagP99Ms(run.Samples):0.###} ms > max_send_lag_ms {thresholds.MaxSendLagMs} ms; no rate at or above it was claimed, so max_rate_within_slo may understate the server; give the client a core of its own (e.g. fewer engine threads) and search again");

    private static StageResult? SweepHeadline(IReadOnlyList<StageResult> stages, SloSpec? slo)
    {
        if (slo is not { HasBounds: true })
            return stages.MaxBy(s => s.Mean(MetricNames.OutputTokenThroughput) ?? 0);
        return stages
            .Where(s => s.Mean(MetricNames.SloAttainment) is { } attainment && attainment >= slo.Attainment)
            .MaxBy(s => s.Mean(MetricNames.Goodput) ?? 0);
    }

    private static Verdict PointVerdict(
        ScenarioKind kind, IReadOnlyList<StageResult> stages, StageResult? headline, IReadOnlyList<string> pointReasons,
        IReadOnlyList<string> pointWarnings, int expected, int received)
    {
        var parts = new List<(string Source, Verdict Verdict)>();
        if (received < expected)
            parts.Add(("point", Verdict.From([$"{received} of {expected} repetitions reported"], [])));
        if (pointReasons.Count > 0 || pointWarnings.Count > 0)
            parts.Add(("point", Verdict.From(pointReasons, pointWarnings)));
        if (stages.All(s => s.Succeeded + s.Failed == 0))
            parts.Add(("point", Verdict.From(["no measured samples"], [])));
        if (kind == ScenarioKind.Sweep)
        {
            parts.AddRange(stages.Select(s => ($"stage {s.Index} ({s.Kind})", s.Verdict)));
            if (headline is null)
                parts.Add(("sweep", Verdict.From([], ["no stage met the SLOs; no cost is given"])));
        }
        else if (headline is not null)
        {
            if (parts.Count == 0)
                return headline.Verdict;
            parts.Add((kind == ScenarioKind.SloSearch ? "selected rate" : "stage", headline.Verdict));
        }
        return Verdict.Combine(parts);
    }
}
