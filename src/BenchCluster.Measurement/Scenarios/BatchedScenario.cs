using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.LlamaBench;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// llama-batched-bench: B sequences (the <c>concurrency</c> parameter) of random prompts decoded together, then
/// generated together, output_tokens steps of one decode each (S_TG's count), as one <see cref="LlamaBenchProtocol"/>
/// run (the code engine-bench times too); one sample per sequence.
/// </summary>
internal static class BatchedScenario
{
    public static Task RunAsync(JobSpec job, IInferenceSession session, MeasurementRecorder recorder, CancellationToken cancellationToken)
    {
        var sequences = job.Parameters.Concurrency ?? 1;
        return SessionRuns.RepeatAsync(job, session, recorder, async (tokens, isWarmup) =>
        {
            var outcome = await LlamaBenchProtocol.RunOnceAsync(
                session, new LlamaBenchRun(job.Scenario.PromptTokens, job.Scenario.OutputTokens, sequences) { AsBatch = true }, tokens, cancellationToken);
            var trace = outcome.Batched!;
            var firstSeq = recorder.NextSeq;
            var samples = trace.Sequences.Select((sequence, i) => MicroScenario.FromGeneration(
                    sequence, job.Scenario.PromptTokens, job.Scenario.OutputTokens, firstSeq + i, isWarmup, SampleKind.BatchedSequence) with
                {
                    // The batch's prompts are decoded together: every sequence starts and finishes its prompt with the batch.
                    SentNs = trace.StartNs,
                    PromptEndNs = trace.PromptEndNs,
                }).ToList();
            var stage = new StageInfo { Index = 0, Kind = StageKind.Steady, Concurrency = sequences, StartNs = trace.StartNs, EndNs = trace.EndNs };
            recorder.Add(new StageRun(samples, stage));
            return true;
        }, cancellationToken);
    }
}
