using System.Globalization;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Timing;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// Trace replay: one open-loop stage whose send times are the trace window's (scaled) and whose lengths are its
/// rows'; latency counts from each request's scheduled time, as in the poisson and gamma scenarios.
/// </summary>
internal static class TraceScenario
{
    public static async Task RunAsync(RequestContext context, MeasurementRecorder recorder, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var trace = context.Inputs.Trace ?? throw new InvalidOperationException($"Scenario {job.Scenario.Name} (trace) has no trace loaded.");
        await context.WarmUpAsync(context.Backend.Info.MaxConcurrency ?? job.Scenario.MaxConcurrency ?? 1, cancellationToken);
        var requests = Requests(context, trace.Requests, job.Seed);
        var schedule = ArrivalSchedule.FromOffsets(trace.Requests.Select(r => r.OffsetNs).ToList());
        recorder.BeginMeasured();
        var run = await OpenLoopDriver.RunAsync(context.Backend, requests, schedule, new OpenLoopPlan(recorder.NextSeq, 0, StageKind.Steady, null), cancellationToken);
        recorder.Add(run);
    }

    /// <summary>Row i's prompt is ContextTokens long, drawn with request i's seed; its max_tokens is GeneratedTokens.</summary>
    public static IReadOnlyList<PlannedRequest> Requests(RequestContext context, IReadOnlyList<Workloads.Traces.TraceRequest> rows, int seed)
    {
        var sampling = context.Sampling(seed);
        return rows.Select((row, i) =>
        {
            var random = new Random(RequestSeeds.For(seed, i));
            var tag = string.Create(CultureInfo.InvariantCulture, $"{seed:x8}-t{i}");
            return PlannedRequests.Create(i, context.Prompts.Build(row.ContextTokens, random, tag), row.GeneratedTokens, context.UseChat, sampling.For(i));
        }).ToList();
    }
}
