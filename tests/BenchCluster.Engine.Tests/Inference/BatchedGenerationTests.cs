using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Tests.Inference;

[Collection(TinyModelCollection.Name)]
public sealed class BatchedGenerationTests(TinyModelFixture model)
{
    private static readonly SessionOptions FourSequences = TinyModelFixture.SmallSession with { ContextSize = 512, MaxSequences = 4 };

    [Fact]
    public async Task Four_parallel_sequences_each_generate_exactly_n_tokens_with_their_own_monotonic_timestamps()
    {
        await using var session = await model.OpenAsync(FourSequences);
        int[][] prompts = [[10, 11, 12], [20, 21], [30, 31, 32, 33], [40]];

        var trace = await session.GenerateBatchedAsync(new BatchedGenerationRequest
        {
            Prompts = prompts, TokenCount = 16, IgnoreEos = true, Sampling = SamplingOptions.None,
        });

        Assert.Equal(4, trace.Sequences.Count);
        Assert.Equal(10, trace.PromptTokenCount);
        Assert.True(trace.PromptEndNs > trace.StartNs);
        foreach (var sequence in trace.Sequences)
        {
            Assert.Equal(16, sequence.Tokens.Count);
            Assert.Equal(16, sequence.TokenNs.Count);
            for (var i = 1; i < sequence.TokenNs.Count; i++)
                Assert.True(sequence.TokenNs[i] > sequence.TokenNs[i - 1]);
        }
    }

    [Fact]
    public async Task Every_step_is_one_decode_over_all_live_sequences()
    {
        await using var session = await model.OpenAsync(FourSequences);

        var trace = await session.GenerateBatchedAsync(new BatchedGenerationRequest
        {
            Prompts = [[1], [2], [3], [4]], TokenCount = 12, Sampling = SamplingOptions.Greedy,
        });

        // Token k of every sequence is chosen after the same decode, so all of them come before token k+1 of any.
        for (var k = 0; k + 1 < 12; k++)
        {
            var latestAtStep = trace.Sequences.Max(s => s.TokenNs[k]);
            var earliestNextStep = trace.Sequences.Min(s => s.TokenNs[k + 1]);
            Assert.True(latestAtStep < earliestNextStep, $"step {k} overlaps step {k + 1}");
        }
    }

    [Fact]
    public async Task Sequences_with_the_same_prompt_stay_separate_and_agree_under_greedy_sampling()
    {
        await using var session = await model.OpenAsync(FourSequences);
        var prompt = await session.TokenizeAsync("In a hole in the ground", addSpecial: true);

        var trace = await session.GenerateBatchedAsync(new BatchedGenerationRequest
        {
            Prompts = [prompt, prompt, prompt, prompt], TokenCount = 10, Sampling = SamplingOptions.Greedy,
        });

        Assert.All(trace.Sequences, s => Assert.Equal(trace.Sequences[0].Tokens, s.Tokens));
    }

    [Fact]
    public async Task More_prompts_than_sequences_are_rejected_with_the_limit_named()
    {
        await using var session = await model.OpenAsync(FourSequences);

        var error = await Assert.ThrowsAsync<InferenceException>(() => session.GenerateBatchedAsync(new BatchedGenerationRequest
        {
            Prompts = [[1], [2], [3], [4], [5]], TokenCount = 2,
        }));

        Assert.Equal(InferenceErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("MaxSequences", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_limit_below_the_sequences_is_refused_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InferenceException>(() => model.OpenAsync(FourSequences with { MaxOutputs = 3 }));

        Assert.Equal(InferenceErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("MaxOutputs is 3", error.Message, StringComparison.Ordinal);
    }
}
