using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage.Queries;
using System.Text.Json;

namespace BenchCluster.Reporting.Plots;

/// <summary>Where the latency-against-rate plot gets its points: every stage of sweeps, the headline stage of the rest.</summary>
public static class RateLatencyPoints
{
    /// <summary>Headline stages of results that ran at a target rate (poisson, gamma, sweep, slo-search).</summary>
    public static IReadOnlyList<RateLatencyPoint> FromRecords(IReadOnlyList<ResultRecord> records) =>
        records.Where(r => r.TargetRate is > 0 && (r.TtftMs is not null || r.TpotMs is not null))
            .Select(r => new RateLatencyPoint(PointLabels.Series(r), r.TargetRate!.Value, r.TtftMs?.P50, r.TtftMs?.P99, r.TpotMs?.P50, r.TpotMs?.P99))
            .ToList();

    /// <summary>
    /// Every open-loop stage stored in the results (a sweep's stages each give a point), labelled like the records;
    /// falls back to the records' headline stages for views whose stored result cannot be read.
    /// </summary>
    public static IReadOnlyList<RateLatencyPoint> FromViews(IReadOnlyList<ResultView> views, IReadOnlyList<ResultRecord> records)
    {
        var points = new List<RateLatencyPoint>();
        for (var i = 0; i < views.Count && i < records.Count; i++)
        {
            var stages = TryStages(views[i].MetricsJson);
            if (stages is null)
            {
                points.AddRange(FromRecords([records[i]]));
                continue;
            }
            var series = PointLabels.Series(records[i]);
            foreach (var stage in stages.Where(s => s.TargetRate is > 0 && s.Index >= 0))
            {
                var ttft = stage.Metric(MetricNames.TtftMs)?.Statistics;
                var tpot = stage.Metric(MetricNames.TpotMs)?.Statistics;
                if (ttft is not { N: > 0 } && tpot is not { N: > 0 })
                    continue;
                points.Add(new RateLatencyPoint(series, stage.TargetRate!.Value, ttft?.Median, ttft?.P99, tpot?.Median, tpot?.P99));
            }
        }
        return points;
    }

    private static IReadOnlyList<StageResult>? TryStages(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || json == "{}")
            return null;
        try
        {
            return MeasurementJson.Deserialize<PointResult>(json)?.Stages;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
