using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;

namespace BenchCluster.Measurement.Results;

/// <summary>Collects from a stage's raw samples the facts the verdict rules need.</summary>
internal static class StageEvidenceBuilder
{
    public static StageEvidence Build(
        StageSamples stage, ScenarioKind kind, int expectedRepetitions, ValidityThresholds thresholds, SloSpec? percentileSlo,
        IReadOnlyList<MetricSummary> metrics)
    {
        var all = stage.All.ToList();
        var headlineName = StageMetricsCalculator.Headline(kind).Name;
        var headlineValues = StageMetricsCalculator.HeadlineValues(stage, kind);
        var worst = WorstSchedule(stage);
        return new StageEvidence
        {
            ExpectedRepetitions = expectedRepetitions,
            MeasuredRepetitions = stage.Slices.Count(s => s.Samples.Count > 0),
            RepetitionSeconds = stage.Slices.Where(s => s.Samples.Count > 0).Select(s => s.Seconds).ToList(),
            Succeeded = all.Count(s => s.Succeeded),
            Failed = all.Count(s => !s.Succeeded),
            HeadlineMetric = headlineName,
            HeadlineValues = headlineValues,
            OutputCountMismatches = all.Count(s => RequestMetrics.OutputCountMismatch(s, thresholds.OutputTokenTolerance)),
            OutputCountChecked = all.Count(s => s.Succeeded && s.RequestedOutputTokens > 0),
            ServerCountDisagreements = all.Count(RequestMetrics.ServerCountDisagrees),
            InexactCountRequests = CountExactness.Withheld(all),
            EndedWhileReasoning = all.Count(ReasoningMetrics.EndedWhileReasoning),
            RequestedRate = worst?.Requested,
            LowestAchievedRate = worst?.Achieved,
            SendLagP99Ms = RequestMetrics.SendLagP99Ms(all),
            PercentileChecks = percentileSlo is { HasBounds: true } ? PercentileChecks(all, percentileSlo) : [],
            OutlierCount = headlineValues.Count < 2 ? 0 : OutlierCount(headlineValues, thresholds.Confidence),
            LatencySampleCounts = metrics
                .Where(m => m.Unit == StageMetricsCalculator.Ms && m.Pooling is MetricPooling.PerRequest or MetricPooling.PerToken)
                .ToDictionary(m => m.Name, m => m.Statistics.N),
        };
    }

    /// <summary>The repetition whose achieved send rate fell furthest below its target.</summary>
    private static (double Requested, double Achieved)? WorstSchedule(StageSamples stage)
    {
        (double Requested, double Achieved)? worst = null;
        foreach (var slice in stage.Slices)
        {
            if (slice.Stage?.TargetRate is not { } target || StageMetricsCalculator.AchievedRate(slice) is not { } achieved)
                continue;
            if (worst is null || achieved / target < worst.Value.Achieved / worst.Value.Requested)
                worst = (target, achieved);
        }
        return worst;
    }

    private static IReadOnlyList<PercentileCheck> PercentileChecks(IReadOnlyList<Sample> samples, SloSpec slo)
    {
        var checks = new List<PercentileCheck>();
        void Check(string metric, double? bound, Func<Sample, double?> value)
        {
            if (bound is not { } b)
                return;
            var values = samples.Select(value).Where(v => v is not null).Select(v => v!.Value).ToList();
            double? observed = values.Count == 0 ? null : StatisticsCalculator.Quantile(values, slo.Attainment);
            checks.Add(new PercentileCheck(metric, b, slo.Attainment, observed, values.Count, values.Count(v => v > b)));
        }
        Check(MetricNames.TtftMs, slo.TtftMs, RequestMetrics.TtftMs);
        Check(MetricNames.TpotMs, slo.TpotMs, RequestMetrics.TpotMs);
        Check(MetricNames.E2elMs, slo.E2elMs, RequestMetrics.E2elMs);
        return checks;
    }

    private static int OutlierCount(IReadOnlyList<double> values, double confidence)
    {
        var stats = StatisticsCalculator.Compute(values, confidence);
        return stats.LowOutliers + stats.HighOutliers;
    }
}
