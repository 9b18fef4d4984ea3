using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.LlamaBench;

/// <summary>
/// One run of llama-bench's protocol on a session, shared by engine-bench and the cluster's micro and batched jobs so
/// that the ratio engine-bench publishes measures the code that produces stored results. Every run clears the KV cache,
/// decodes <see cref="LlamaBenchRun.Depth"/> random tokens untimed, then times the run on random tokens (BOS first from
/// an empty context, as llama-bench) with <see cref="SamplingMode.None"/>; every generated token costs its own decode
/// (pg and llama-batched-bench's S_TG count n_g decodes for n_g tokens). Timestamps are the session's, taken on its
/// decode thread.
/// </summary>
public static class LlamaBenchProtocol
{
    public static async Task<LlamaBenchOutcome> RunOnceAsync(
        IInferenceSession session, LlamaBenchRun run, LlamaBenchTokens tokens, CancellationToken cancellationToken)
    {
        if (run.PromptTokens < 0 || run.GenerateTokens < 0 || run.Depth < 0 || run.Sequences < 1 || run.PromptTokens + run.GenerateTokens == 0)
            throw new ArgumentException($"{run} is not a llama-bench run: it needs prompt or generated tokens, counts ≥ 0 and at least one sequence.", nameof(run));
        if (run.IsBatched && run.Depth > 0)
            throw new ArgumentException($"{run}: a batched run starts from an empty KV cache, as llama-batched-bench; set depth 0.", nameof(run));

        await session.ClearAsync(cancellationToken);
        if (run.Depth > 0)
            await session.ProcessPromptAsync(tokens.Draw(run.Depth, fromEmptyContext: true), 0, cancellationToken);
        var fromEmpty = run.Depth == 0;
        var sampling = SamplingOptions.None with { Seed = (uint)tokens.Random.Next() };

        if (run.IsBatched)
        {
            var prompts = new IReadOnlyList<int>[run.Sequences];
            for (var s = 0; s < prompts.Length; s++)
                prompts[s] = tokens.Draw(run.PromptTokens, fromEmptyContext: true);
            return new LlamaBenchOutcome
            {
                Batched = await session.GenerateBatchedAsync(new BatchedGenerationRequest
                {
                    Prompts = prompts, TokenCount = run.GenerateTokens, IgnoreEos = true, Sampling = sampling, DecodeEveryToken = true,
                }, cancellationToken),
            };
        }
        if (run.GenerateTokens == 0)
            return new LlamaBenchOutcome { Prompt = await session.ProcessPromptAsync(tokens.Draw(run.PromptTokens, fromEmpty), 0, cancellationToken) };
        return new LlamaBenchOutcome
        {
            Generation = await session.GenerateAsync(new GenerationRequest
            {
                PromptTokens = run.PromptTokens > 0 ? tokens.Draw(run.PromptTokens, fromEmpty) : [],
                TokenCount = run.GenerateTokens,
                IgnoreEos = true,
                Sampling = sampling,
                DecodeEveryToken = true,
            }, cancellationToken),
        };
    }
}
