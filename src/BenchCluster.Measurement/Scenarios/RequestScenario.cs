using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>The single-stage request-level scenarios: concurrency (closed loop), poisson and gamma (open loop).</summary>
internal static class RequestScenario
{
    public static async Task RunAsync(RequestContext context, MeasurementRecorder recorder, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var kind = job.Scenario.Kind;
        if (kind == ScenarioKind.Concurrency)
        {
            var concurrency = job.Parameters.Concurrency
                ?? throw new ArgumentException($"Scenario {job.Scenario.Name} (concurrency) has no concurrency parameter; set parameters.concurrency.", nameof(context));
            concurrency = FleetSplit.Concurrency(concurrency, job.Fleet);
            await context.WarmUpAsync(concurrency, cancellationToken);
            var startNs = await context.FleetStartAsync(cancellationToken);
            recorder.BeginMeasured();
            await context.ClosedLoopAsync(0, StageKind.Steady, concurrency, job.Seed, cancellationToken, startNs);
            return;
        }
        var rate = job.Parameters.Rate
            ?? throw new ArgumentException($"Scenario {job.Scenario.Name} ({ScenarioKinds.Name(kind)}) has no rate parameter; set parameters.rate.", nameof(context));
        await context.WarmUpAsync(context.Backend.Info.MaxConcurrency ?? job.Scenario.MaxConcurrency ?? 1, cancellationToken);
        var originNs = await context.FleetStartAsync(cancellationToken);
        recorder.BeginMeasured();
        var arrivals = kind == ScenarioKind.Gamma ? ArrivalKind.Gamma : ArrivalKind.Poisson;
        await context.OpenLoopAsync(0, arrivals, rate, job.Scenario.Burstiness, job.Seed, cancellationToken, originNs);
    }
}
