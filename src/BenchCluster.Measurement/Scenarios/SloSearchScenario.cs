using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// The highest request rate whose goodput meets the SLOs (vLLM serve_sla): a throughput stage finds the saturation
/// rate r_max, an open-loop stage at r_max is tried first, then search_steps bisection stages narrow the rate between
/// the highest passing and the lowest failing one. vLLM interpolates the SLO margin (PCHIP); bisection needs no
/// model of the margin and halves the uncertainty every step. A stage whose client fell behind its schedule did not
/// offer its rate: it is neither a pass nor a fail (<see cref="SloStageOutcome.NotMeasured"/>), and like a failure it
/// caps the search, since the client cannot offer any higher rate either.
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
            var passed = Judge(run, slo, job.Validity) == SloStageOutcome.Passed;
            if (passed && stage == 1)
                return;
            if (passed)
                low = rate;
            else
                high = rate;
            rate = (low + high) / 2;
        }
    }

    /// <summary>
    /// A rate stage whose p99 send lag exceeds max_send_lag_ms was not measured; otherwise it passes when its SLO
    /// attainment reaches the target and its error rate is within bounds. The search and the selection of the
    /// reported rate (ResultAggregator) both judge stages here, so a rate the client could not offer is never claimed.
    /// </summary>
    public static SloStageOutcome Judge(StageRun run, SloSpec slo, ValidityThresholds thresholds)
    {
        if (RequestMetrics.SendLagP99Ms(run.Samples) is { } lag && lag > thresholds.MaxSendLagMs)
            return SloStageOutcome.NotMeasured;
        return Passes(run, slo, thresholds.MaxErrorRate) ? SloStageOutcome.Passed : SloStageOutcome.Failed;
    }

    /// <summary>A stage passes when its SLO attainment reaches the target and its error rate is within bounds.</summary>
    private static bool Passes(StageRun run, SloSpec slo, double maxErrorRate)
    {
        var samples = run.Samples;
        var errors = samples.Count == 0 ? 1 : samples.Count(x => !x.Succeeded) / (double)samples.Count;
        return errors <= maxErrorRate && SloEvaluator.Meets(samples, slo);
    }
}
