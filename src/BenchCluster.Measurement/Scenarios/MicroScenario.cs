using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.LlamaBench;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// llama-bench's pp / tg / pg on one session, each run one <see cref="LlamaBenchProtocol"/> run (the code engine-bench
/// times too) turned into a sample. Warm-up runs are the same runs, flagged.
/// </summary>
internal static class MicroScenario
{
    public static Task RunAsync(JobSpec job, IInferenceSession session, MeasurementRecorder recorder, CancellationToken cancellationToken) =>
        SessionRuns.RepeatAsync(job, session, recorder, async (tokens, isWarmup) =>
        {
            var sample = await RunOnceAsync(job, session, tokens, recorder.NextSeq, isWarmup, cancellationToken);
            recorder.Add(sample);
            return sample.Succeeded;
        }, cancellationToken);

    private static async Task<Sample> RunOnceAsync(
        JobSpec job, IInferenceSession session, LlamaBenchTokens tokens, int seq, bool isWarmup, CancellationToken cancellationToken)
    {
        var scenario = job.Scenario;
        var startNs = MonotonicClock.NowNs();
        try
        {
            var run = scenario.Kind switch
            {
                ScenarioKind.Pp => new LlamaBenchRun(scenario.PromptTokens, 0, Depth: job.Parameters.Depth),
                ScenarioKind.Tg => new LlamaBenchRun(0, scenario.OutputTokens, Depth: job.Parameters.Depth),
                ScenarioKind.Pg => new LlamaBenchRun(scenario.PromptTokens, scenario.OutputTokens, Depth: job.Parameters.Depth),
                _ => throw new ArgumentException($"{scenario.Kind} is not a pp/tg/pg scenario.", nameof(job)),
            };
            var outcome = await LlamaBenchProtocol.RunOnceAsync(session, run, tokens, cancellationToken);
            return outcome.Prompt is { } prompt
                ? FromPrompt(prompt, seq, isWarmup)
                : FromGeneration(outcome.Generation!, run.PromptTokens, run.GenerateTokens, seq, isWarmup);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new Sample
            {
                Seq = seq,
                Kind = scenario.Kind == ScenarioKind.Pp ? SampleKind.Prompt : SampleKind.Generation,
                IsWarmup = isWarmup,
                SentNs = startNs,
                EndNs = MonotonicClock.NowNs(),
                RequestedOutputTokens = scenario.Kind == ScenarioKind.Pp ? 0 : scenario.OutputTokens,
                Error = $"{ex.GetType().Name}: {ex.Message}",
            };
        }
    }

    private static Sample FromPrompt(PromptTrace trace, int seq, bool isWarmup) => new()
    {
        Seq = seq,
        Kind = SampleKind.Prompt,
        IsWarmup = isWarmup,
        SentNs = trace.StartNs,
        PromptEndNs = trace.EndNs,
        EndNs = trace.EndNs,
        PromptTokens = trace.TokenCount,
    };

    internal static Sample FromGeneration(GenerationTrace trace, int promptTokens, int requested, int seq, bool isWarmup, SampleKind kind = SampleKind.Generation) => new()
    {
        Seq = seq,
        Kind = kind,
        IsWarmup = isWarmup,
        SentNs = trace.StartNs,
        PromptEndNs = trace.Prompt?.EndNs,
        FirstTokenNs = trace.TokenNs.Count > 0 ? trace.TokenNs[0] : null,
        EndNs = trace.EndNs,
        EventNs = [.. trace.TokenNs],
        EventTokenCounts = [.. Enumerable.Repeat(1, trace.TokenNs.Count)],
        PromptTokens = trace.Prompt?.TokenCount ?? promptTokens,
        OutputTokens = trace.Tokens.Count,
        RequestedOutputTokens = requested,
    };
}
