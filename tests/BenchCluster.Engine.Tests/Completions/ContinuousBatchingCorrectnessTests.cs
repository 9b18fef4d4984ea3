using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Tests.Inference;
using static BenchCluster.Engine.Tests.Completions.CompletionStreams;

namespace BenchCluster.Engine.Tests.Completions;

/// <summary>The batcher generates what the engine's own single-sequence path generates, and streams text correctly.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class ContinuousBatchingCorrectnessTests(TinyModelFixture model)
{
    private const string PromptText = "In a hole in the ground there lived a hobbit.";
    private const int Tokens16 = 16;

    [Fact]
    public async Task Greedy_requests_alone_and_batched_with_others_give_the_text_of_LlamaSession_greedy_generation()
    {
        await using var session = await model.OpenAsync(TinyModelFixture.SmallSession with { Threads = 1 });
        var prompt = await session.TokenizeAsync(PromptText, addSpecial: true);
        var reference = await session.GenerateAsync(new GenerationRequest { PromptTokens = prompt, TokenCount = Tokens16, Sampling = SamplingOptions.Greedy });
        var expected = await session.DetokenizeAsync(reference.Tokens);
        await using var backend = await OpenAsync(model, slots: 4);

        var alone = await ReadAllAsync(backend, Tokens(prompt, Tokens16, SamplingOptions.Greedy));
        var batched = await Task.WhenAll(
            ReadAllAsync(backend, Tokens(prompt, Tokens16, SamplingOptions.Greedy)),
            ReadAllAsync(backend, Tokens([.. prompt.Skip(3)], 40, SamplingOptions.None)),
            ReadAllAsync(backend, Tokens(prompt, Tokens16, SamplingOptions.Greedy)),
            ReadAllAsync(backend, Tokens([.. prompt.Take(5)], 40, SamplingOptions.Greedy)));

        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal(expected, Text(alone));
        Assert.Equal(expected, Text(batched[0]));
        Assert.Equal(expected, Text(batched[2]));
    }

    [Fact]
    public async Task Seeded_temperature_sampling_repeats_per_request_seed()
    {
        await using var backend = await OpenAsync(model, slots: 2);
        var sampling = new SamplingOptions { Mode = SamplingMode.Temperature, Temperature = 1.5f, TopK = 50, Seed = 7 };
        var prompt = backend.Tokenize(PromptText, addSpecial: true);

        var runs = await Task.WhenAll(ReadAllAsync(backend, Tokens(prompt, 24, sampling)), ReadAllAsync(backend, Tokens(prompt, 24, sampling)));
        var again = await ReadAllAsync(backend, Tokens(prompt, 24, sampling));

        Assert.Equal(Text(runs[0]), Text(runs[1]));
        Assert.Equal(Text(runs[0]), Text(again));
    }

    [Fact]
    public async Task A_text_prompt_is_tokenized_with_the_model_vocabulary_and_counted()
    {
        await using var backend = await OpenAsync(model, slots: 1);
        var expectedPrompt = backend.Tokenize(PromptText, addSpecial: true);

        var chunks = await ReadAllAsync(backend, new CompletionRequest { Prompt = PromptText, MaxTokens = 6, Sampling = SamplingOptions.Greedy });
        var fromTokens = await ReadAllAsync(backend, Tokens(expectedPrompt, 6, SamplingOptions.Greedy));

        Assert.True(expectedPrompt.Length > 5);
        Assert.Equal(expectedPrompt.Length, chunks[^1].PromptTokens);
        Assert.Equal(6, chunks.Count);
        Assert.Equal(Text(fromTokens), Text(chunks));
    }

    [Fact]
    public async Task An_empty_prompt_generates_from_the_start_token()
    {
        await using var backend = await OpenAsync(model, slots: 1);

        var chunks = await ReadAllAsync(backend, Tokens([], 5));

        Assert.Equal(5, chunks.Count);
        Assert.Equal(1, chunks[^1].PromptTokens);
    }

    [Fact]
    public async Task Characters_split_across_tokens_stream_whole_and_join_to_the_original_text()
    {
        const string text = "naïve café 日本語のテキスト 😀🚀 ok";
        await using var session = await model.OpenAsync();
        var llama = Assert.IsType<LlamaSession>(session);
        var tokens = await session.TokenizeAsync(text, addSpecial: false);

        var pieces = await llama.RunOnDecodeThreadAsync(decoder =>
        {
            var vocabulary = new TokenPieces(decoder.Vocabulary, decoder.VocabularySize);
            var stream = new TokenTextStream();
            var emitted = tokens.Select(t => stream.Next(t, vocabulary)).ToList();
            emitted.Add(stream.Flush());
            return emitted;
        });

        Assert.True(tokens.Length > 10);
        Assert.Equal(text, string.Concat(pieces));
        Assert.DoesNotContain(pieces, p => p.Contains('\uFFFD', StringComparison.Ordinal));
        Assert.Contains(pieces, p => p.Length == 0); // some token ended mid-character and waited for the next
    }
}
