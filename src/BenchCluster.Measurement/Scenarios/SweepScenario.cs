using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// GuideLLM's sweep: a synchronous stage (one request at a time) and a throughput stage (saturation) bound the
/// useful range; the remaining sweep_points − 2 stages run open loop at rates evenly spaced above the synchronous
/// rate up to the throughput rate.
/// </summary>
internal static class SweepScenario
{
    public static async Task RunAsync(RequestContext context, MeasurementRecorder recorder, CancellationToken cancellationToken)
    {
        var job = context.Job;
        await context.WarmUpAsync(context.ThroughputConcurrency, cancellationToken);
        recorder.BeginMeasured();
        var synchronous = await context.ClosedLoopAsync(0, StageKind.Synchronous, 1, SeedDerivation.ForStage(job.Seed, 0), cancellationToken);
        var throughput = await context.ClosedLoopAsync(1, StageKind.Throughput, context.ThroughputConcurrency, SeedDerivation.ForStage(job.Seed, 1), cancellationToken);
        foreach (var (stage, rate) in Rates(RequestContext.Throughput(synchronous), RequestContext.Throughput(throughput), job.Scenario.SweepPoints))
        {
            await context.OpenLoopAsync(stage, job.Scenario.Arrivals ?? ArrivalKind.Constant, rate, job.Scenario.Burstiness,
                SeedDerivation.ForStage(job.Seed, stage), cancellationToken);
        }
    }

    /// <summary>Stage index and rate of each interpolated stage: r_sync + (r_max − r_sync) · i / (points − 2), i = 1 … points − 2.</summary>
    public static IReadOnlyList<(int Stage, double Rate)> Rates(double synchronousRate, double throughputRate, int points)
    {
        var steps = points - 2;
        if (steps <= 0 || !(synchronousRate > 0))
            return [];
        var top = Math.Max(throughputRate, synchronousRate);
        return Enumerable.Range(1, steps)
            .Select(i => (i + 1, synchronousRate + ((top - synchronousRate) * i / steps)))
            .ToList();
    }
}
