using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// The highest request rate whose goodput meets the SLOs (vLLM serve_sla): a throughput stage finds the saturation
/// rate r_max, an open-loop stage at r_max is tried first, then search_steps bisection stages narrow the rate between
/// the highest passing and the lowest failing one. vLLM interpolates the SLO margin (PCHIP); bisection needs no
/// model of the margin and halves the uncertainty every step.
/// </summary>
internal static class SloSearchScenario
{
    public static async Task RunAsync(RequestContext context, MeasurementRecorder recorder, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var slo = job.Slo is { HasBounds: true } s ? s
            : throw new ArgumentException($"Scenario {job.Scenario.Name} (slo-search) needs SLO bounds: set slo.ttft_ms, slo.tpot_ms or slo.e2el_ms.", nameof(context));
        var arrivals = job.Scenario.Arrivals ?? ArrivalKind.Poisson;
        await context.WarmUpAsync(context.ThroughputConcurrency, cancellationToken);
        recorder.BeginMeasured();
        var probe = await context.ClosedLoopAsync(0, StageKind.Throughput, context.ThroughputConcurrency, SeedDerivation.ForStage(job.Seed, 0), cancellationToken);
        var high = RequestContext.Throughput(probe);
        if (!(high > 0))
            return;
        var low = 0.0;
        var rate = high;
        for (var stage = 1; stage <= job.Scenario.SearchSteps + 1; stage++)
        {
            var run = await context.OpenLoopAsync(stage, arrivals, rate, job.Scenario.Burstiness, SeedDerivation.ForStage(job.Seed, stage), cancellationToken);
            var passed = Passes(run, slo, job.Validity.MaxErrorRate);
            if (passed && stage == 1)
                return;
            if (passed)
                low = rate;
            else
                high = rate;
            rate = (low + high) / 2;
        }
    }

    /// <summary>A stage passes when its SLO attainment reaches the target and its error rate is within bounds.</summary>
    public static bool Passes(StageRun run, SloSpec slo, double maxErrorRate)
    {
        var samples = run.Samples;
        var errors = samples.Count == 0 ? 1 : samples.Count(x => !x.Succeeded) / (double)samples.Count;
        return errors <= maxErrorRate && SloEvaluator.Meets(samples, slo);
    }
}
