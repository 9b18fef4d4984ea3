using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.LlamaBench;
using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>The warm-up runs and then the measured run of a micro job, fed from one seeded random-token source.</summary>
internal static class SessionRuns
{
    /// <summary>
    /// Calls <paramref name="runOnce"/> for each warm-up run and then for each measured run (the scenario's runs, one
    /// unless set); it returns false to stop early. The measured window opens before the first measured run.
    /// </summary>
    public static async Task RepeatAsync(
        JobSpec job, IInferenceSession session, MeasurementRecorder recorder, Func<LlamaBenchTokens, bool, Task<bool>> runOnce, CancellationToken cancellationToken)
    {
        var tokens = await LlamaBenchTokens.CreateAsync(session, job.Seed, cancellationToken);
        for (var run = 0; run < job.Warmup + job.Scenario.MeasuredRuns; run++)
        {
            var isWarmup = run < job.Warmup;
            if (run == job.Warmup)
                recorder.BeginMeasured();
            if (!await runOnce(tokens, isWarmup))
                return;
        }
    }
}
