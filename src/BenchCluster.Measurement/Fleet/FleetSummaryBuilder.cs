using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Statistics;

namespace BenchCluster.Measurement.Fleet;

/// <summary>Describes a fleet point's offered load from its drivers' raw measurements and the merged repetitions.</summary>
public static class FleetSummaryBuilder
{
    /// <param name="drivers">Every driver job's measurement, as stored (own clocks).</param>
    /// <param name="merged">The repetitions after <see cref="FleetMerge"/> (one clock; failed repetitions have no samples).</param>
    public static FleetSummary Build(JobSpec template, IReadOnlyList<JobMeasurement> drivers, IReadOnlyList<JobMeasurement> merged)
    {
        var share = template.Fleet ?? throw new ArgumentException($"job {template.Point.Label} is not a fleet driver", nameof(template));
        var measured = merged.SelectMany(m => m.Samples.Where(s => !s.IsWarmup)).ToList();
        return new FleetSummary
        {
            Nodes = share.Nodes,
            RequestedRate = template.Parameters.Rate,
            AchievedRate = template.Parameters.Rate is null ? null : AchievedRate(merged),
            RequestedConcurrency = template.Parameters.Rate is null ? template.Parameters.Concurrency : null,
            Drivers = share.Nodes.Select((node, index) => Driver(node, index, measured, drivers)).ToList(),
        };
    }

    /// <summary>Sent requests over the time from the common start (the stage's start) to the last send, pooled over repetitions.</summary>
    public static double? AchievedRate(IReadOnlyList<JobMeasurement> merged)
    {
        var (sent, seconds) = (0, 0.0);
        foreach (var repetition in merged)
        {
            var samples = repetition.Samples.Where(s => !s.IsWarmup).ToList();
            if (samples.Count == 0 || repetition.Stages.Count == 0)
                continue;
            sent += samples.Count;
            seconds += TimeUnits.ToSeconds(samples.Max(s => s.SentNs) - repetition.Stages[0].StartNs);
        }
        return seconds > 0 ? sent / seconds : null;
    }

    private static FleetDriverSummary Driver(string node, int index, IReadOnlyList<Sample> measured, IReadOnlyList<JobMeasurement> drivers)
    {
        var own = measured.Where(s => s.Driver == node).ToList();
        var lags = own.Select(RequestMetrics.SendLagMs).OfType<double>().ToList();
        var starts = drivers.Where(d => d.Fleet?.Index == index).Select(d => Math.Abs(d.Fleet!.StartErrorNs) / TimeUnits.NanosecondsPerMillisecond).ToList();
        return new FleetDriverSummary
        {
            Driver = node,
            Index = index,
            Requests = own.Count,
            SendLagP50Ms = lags.Count == 0 ? null : StatisticsCalculator.Quantile(lags, 0.5),
            SendLagP99Ms = lags.Count == 0 ? null : StatisticsCalculator.Quantile(lags, 0.99),
            SendLagMaxMs = lags.Count == 0 ? null : lags.Max(),
            StartErrorMaxMs = starts.Count == 0 ? null : starts.Max(),
        };
    }
}
