using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.LlamaBench;
using BenchCluster.Measurement.Tests.Fakes;

namespace BenchCluster.Measurement.Tests.LlamaBench;

/// <summary>The one llama-bench run that engine-bench and the cluster's micro and batched jobs share.</summary>
public sealed class LlamaBenchProtocolTests
{
    [Fact]
    public async Task A_pp_run_clears_decodes_the_depth_untimed_and_times_only_the_prompt()
    {
        var session = new FakeInferenceSession();
        var tokens = await LlamaBenchTokens.CreateAsync(session, seed: 3, CancellationToken.None);

        var outcome = await LlamaBenchProtocol.RunOnceAsync(session, new LlamaBenchRun(64, 0, Depth: 32), tokens, CancellationToken.None);

        Assert.Equal(1, session.Clears);
        Assert.Equal([32, 64], session.PromptLengths);
        Assert.Equal(FakeInferenceSession.Bos, session.Prompts[0][0]); // the depth starts the context with BOS
        Assert.Equal(64, outcome.Prompt!.TokenCount);
        Assert.Equal(64 * session.PromptNsPerToken, outcome.EndNs - outcome.StartNs);
        Assert.Null(outcome.Generation);
    }

    [Fact]
    public async Task A_pg_run_starts_with_bos_and_spends_a_decode_on_every_generated_token()
    {
        var session = new FakeInferenceSession();
        var tokens = await LlamaBenchTokens.CreateAsync(session, seed: 3, CancellationToken.None);

        var outcome = await LlamaBenchProtocol.RunOnceAsync(session, new LlamaBenchRun(16, 8), tokens, CancellationToken.None);

        var request = Assert.Single(session.Generations);
        Assert.Equal(FakeInferenceSession.Bos, request.PromptTokens[0]);
        Assert.Equal(16, request.PromptTokens.Count);
        Assert.True(request.DecodeEveryToken);
        Assert.Equal(SamplingMode.None, request.Sampling.Mode);
        Assert.Equal(8, outcome.Generation!.Tokens.Count);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(1, true)]
    public async Task A_batched_run_decodes_every_sequence_together_as_llama_batched_bench(int sequences, bool asBatch)
    {
        var session = new FakeInferenceSession();
        var tokens = await LlamaBenchTokens.CreateAsync(session, seed: 3, CancellationToken.None);

        var outcome = await LlamaBenchProtocol.RunOnceAsync(session, new LlamaBenchRun(8, 4, sequences) { AsBatch = asBatch }, tokens, CancellationToken.None);

        var batch = Assert.Single(session.Batches);
        Assert.Equal(sequences, batch.Prompts.Count);
        Assert.All(batch.Prompts, p => Assert.Equal(FakeInferenceSession.Bos, p[0]));
        Assert.True(batch.DecodeEveryToken);
        Assert.Equal(sequences, outcome.Batched!.Sequences.Count);
        Assert.Empty(session.Generations);
    }

    [Theory]
    [InlineData(0, 0, 1, 0)]
    [InlineData(8, 4, 0, 0)]
    [InlineData(8, 4, 4, 16)]
    [InlineData(-1, 4, 1, 0)]
    public async Task Runs_that_are_not_llama_bench_runs_are_refused_before_touching_the_session(int prompt, int generate, int sequences, int depth)
    {
        var session = new FakeInferenceSession();
        var tokens = await LlamaBenchTokens.CreateAsync(session, seed: 3, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            LlamaBenchProtocol.RunOnceAsync(session, new LlamaBenchRun(prompt, generate, sequences, depth), tokens, CancellationToken.None));

        Assert.Contains("LlamaBenchRun", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.Clears);
    }
}
