using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>The warm-up runs and then the measured run of a micro job, fed from one seeded random-token source.</summary>
internal static class SessionRuns
{
    /// <summary>
    /// Calls <paramref name="runOnce"/> for each warm-up run and then for each measured run (the scenario's runs, one
    /// unless set); it returns false to stop early. The measured window opens before the first measured run.
    /// </summary>
    public static async Task RepeatAsync(
        JobSpec job, IInferenceSession session, MeasurementRecorder recorder, Func<TokenSource, bool, Task<bool>> runOnce, CancellationToken cancellationToken)
    {
        // Tokenizing "" with special tokens yields BOS exactly when the model adds one (llama-bench starts with it).
        var bos = (await session.TokenizeAsync("", addSpecial: true, cancellationToken)) is [var first, ..] ? first : (int?)null;
        var tokens = new TokenSource(new Random(job.Seed), session.Model.VocabularySize, bos);
        for (var run = 0; run < job.Warmup + job.Scenario.MeasuredRuns; run++)
        {
            var isWarmup = run < job.Warmup;
            if (run == job.Warmup)
                recorder.BeginMeasured();
            if (!await runOnce(tokens, isWarmup))
                return;
        }
    }

    /// <summary>Random token ids in the model's vocabulary, BOS first when a run starts from an empty context.</summary>
    internal sealed class TokenSource(Random random, int vocabulary, int? bos)
    {
        public Random Random => random;

        public int[] Draw(int count, bool fromEmptyContext) => RandomTokens.Draw(count, vocabulary, random, fromEmptyContext ? bos : null);
    }
}
