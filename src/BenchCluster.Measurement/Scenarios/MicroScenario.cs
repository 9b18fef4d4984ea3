using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// llama-bench's pp / tg / pg on one session: before every run the KV cache is cleared and <c>depth</c> random
/// tokens are decoded untimed; then the timed part runs on random tokens (pp) or generates with
/// <see cref="SamplingMode.None"/> (tg), or both (pg, where every generated token costs its own decode as in
/// llama-bench, not the first one taken from the prompt's logits). Warm-up runs are the same runs, flagged.
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
        JobSpec job, IInferenceSession session, SessionRuns.TokenSource tokens, int seq, bool isWarmup, CancellationToken cancellationToken)
    {
        var scenario = job.Scenario;
        var depth = job.Parameters.Depth;
        var startNs = MonotonicClock.NowNs();
        try
        {
            await session.ClearAsync(cancellationToken);
            if (depth > 0)
                await session.ProcessPromptAsync(tokens.Draw(depth, fromEmptyContext: true), 0, cancellationToken);
            var sampling = SamplingOptions.None with { Seed = (uint)tokens.Random.Next() };
            return scenario.Kind switch
            {
                ScenarioKind.Pp => FromPrompt(await session.ProcessPromptAsync(
                    tokens.Draw(scenario.PromptTokens, fromEmptyContext: depth == 0), 0, cancellationToken), seq, isWarmup),
                ScenarioKind.Tg => FromGeneration(await session.GenerateAsync(new GenerationRequest
                {
                    TokenCount = scenario.OutputTokens,
                    IgnoreEos = true,
                    Sampling = sampling,
                }, cancellationToken), 0, scenario.OutputTokens, seq, isWarmup),
                ScenarioKind.Pg => FromGeneration(await session.GenerateAsync(new GenerationRequest
                {
                    PromptTokens = tokens.Draw(scenario.PromptTokens, fromEmptyContext: depth == 0),
                    TokenCount = scenario.OutputTokens,
                    IgnoreEos = true,
                    Sampling = sampling,
                    DecodeEveryToken = true,
                }, cancellationToken), scenario.PromptTokens, scenario.OutputTokens, seq, isWarmup),
                _ => throw new ArgumentException($"{scenario.Kind} is not a pp/tg/pg scenario.", nameof(job)),
            };
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
