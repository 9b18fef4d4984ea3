using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Tests.Inference;

/// <summary>
/// Counts the llama_decode calls behind each benchmark shape: llama-bench's pg and tg and llama-batched-bench's tg spend
/// one generation decode per generated token, so a rate of n_g tokens over the generation window matches theirs.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class DecodeCountTests(TinyModelFixture model)
{
    private const int Generated = 16;
    private const int PromptLength = 40; // one n_batch chunk of SmallSession (64)

    [Fact]
    public async Task Pg_with_decode_every_token_spends_one_decode_per_generated_token_after_the_prompt()
    {
        var (trace, decodes) = await CountAsync(TinyModelFixture.SmallSession, session => session.GenerateAsync(new GenerationRequest
        {
            PromptTokens = Prompt(PromptLength, 100), TokenCount = Generated, Sampling = SamplingOptions.None, DecodeEveryToken = true,
        }));

        Assert.Equal(Generated, trace.Tokens.Count);
        Assert.Equal(1 + Generated, decodes);
        Assert.True(trace.TokenNs[0] > trace.Prompt!.EndNs, "the first token must come from its own decode, after the prompt");
    }

    [Fact]
    public async Task Pg_prompt_longer_than_n_batch_still_adds_exactly_n_g_generation_decodes()
    {
        var (trace, decodes) = await CountAsync(TinyModelFixture.SmallSession, session => session.GenerateAsync(new GenerationRequest
        {
            PromptTokens = Prompt(100, 7), TokenCount = Generated, Sampling = SamplingOptions.None, DecodeEveryToken = true,
        }));

        Assert.Equal(Generated, trace.Tokens.Count);
        Assert.Equal(2 + Generated, decodes); // 100 prompt tokens in chunks of 64
    }

    [Fact]
    public async Task Serving_generation_takes_its_first_token_from_the_prompt_so_n_g_tokens_cost_n_g_minus_one_decodes()
    {
        var (trace, decodes) = await CountAsync(TinyModelFixture.SmallSession, session => session.GenerateAsync(new GenerationRequest
        {
            PromptTokens = Prompt(PromptLength, 100), TokenCount = Generated, Sampling = SamplingOptions.None,
        }));

        Assert.Equal(Generated, trace.Tokens.Count);
        Assert.Equal(1 + Generated - 1, decodes);
    }

    [Fact]
    public async Task Tg_spends_n_g_decodes_for_n_g_tokens()
    {
        var (trace, decodes) = await CountAsync(TinyModelFixture.SmallSession, session => session.GenerateAsync(new GenerationRequest
        {
            TokenCount = Generated, Sampling = SamplingOptions.None,
        }));

        Assert.Equal(Generated, trace.Tokens.Count);
        Assert.Equal(Generated, decodes);
    }

    [Fact]
    public async Task Batched_with_decode_every_token_spends_tg_steps_after_the_prompts()
    {
        var (trace, decodes) = await CountBatchedAsync(decodeEveryToken: true);

        Assert.Equal(1 + Generated, decodes);
        Assert.All(trace.Sequences, sequence =>
        {
            Assert.Equal(Generated, sequence.Tokens.Count);
            Assert.True(sequence.TokenNs[0] > trace.PromptEndNs, "the first token must come from the first step, after the prompts");
        });
    }

    [Fact]
    public async Task Batched_serving_default_takes_the_first_token_from_the_prompts()
    {
        var (trace, decodes) = await CountBatchedAsync(decodeEveryToken: false);

        Assert.Equal(1 + Generated - 1, decodes);
        Assert.All(trace.Sequences, sequence => Assert.Equal(Generated, sequence.Tokens.Count));
    }

    /// <summary>Four sequences of 10 prompt tokens: 40 tokens fit one n_batch decode.</summary>
    private Task<(BatchedGenerationTrace Result, long Decodes)> CountBatchedAsync(bool decodeEveryToken) =>
        CountAsync(TinyModelFixture.SmallSession with { ContextSize = 512, MaxSequences = 4 }, session => session.GenerateBatchedAsync(
            new BatchedGenerationRequest
            {
                Prompts = [Prompt(10, 1), Prompt(10, 2), Prompt(10, 3), Prompt(10, 4)],
                TokenCount = Generated,
                Sampling = SamplingOptions.None,
                DecodeEveryToken = decodeEveryToken,
            }));

    private async Task<(T Result, long Decodes)> CountAsync<T>(SessionOptions options, Func<IInferenceSession, Task<T>> work)
    {
        await using var session = await model.OpenAsync(options);
        var llama = (LlamaSession)session;
        var before = await llama.RunOnDecodeThreadAsync(decoder => decoder.DecodeCount);
        var result = await work(session);
        var after = await llama.RunOnDecodeThreadAsync(decoder => decoder.DecodeCount);
        return (result, after - before);
    }

    private static int[] Prompt(int length, int seed) => [.. Enumerable.Range(0, length).Select(i => (seed * 31 + i * 7) % 200 + 1)];
}
