using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Engine.Tests.Inference;

[Collection(TinyModelCollection.Name)]
public sealed class GenerationTests(TinyModelFixture model)
{
    public static TheoryData<SamplingMode> Modes => [SamplingMode.None, SamplingMode.Greedy, SamplingMode.Temperature];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Generates_exactly_the_requested_number_of_tokens_with_ignore_eos(SamplingMode mode)
    {
        await using var session = await model.OpenAsync();

        var trace = await session.GenerateAsync(new GenerationRequest
        {
            TokenCount = 24, IgnoreEos = true, Sampling = new SamplingOptions { Mode = mode },
        });

        Assert.Equal(24, trace.Tokens.Count);
        Assert.Equal(24, trace.TokenNs.Count);
        Assert.False(trace.StoppedAtEndOfGeneration);
        Assert.All(trace.Tokens, t => Assert.InRange(t, 0, model.Backend.Model.VocabularySize - 1));
    }

    [Fact]
    public async Task Every_generated_token_has_a_strictly_increasing_monotonic_timestamp_inside_the_call()
    {
        await using var session = await model.OpenAsync();
        var before = MonotonicClock.NowNs();

        var trace = await session.GenerateAsync(new GenerationRequest { TokenCount = 32 });

        var after = MonotonicClock.NowNs();
        Assert.InRange(trace.StartNs, before, after);
        Assert.True(trace.TokenNs[0] > trace.StartNs);
        for (var i = 1; i < trace.TokenNs.Count; i++)
            Assert.True(trace.TokenNs[i] > trace.TokenNs[i - 1], $"token {i} at {trace.TokenNs[i]} is not after token {i - 1} at {trace.TokenNs[i - 1]}");
        Assert.InRange(trace.EndNs, trace.TokenNs[0], after);
    }

    [Fact]
    public async Task With_a_prompt_the_first_token_follows_the_timed_prompt_decode()
    {
        await using var session = await model.OpenAsync();
        var prompt = await session.TokenizeAsync("The quick brown fox jumps over the lazy dog", addSpecial: true);

        var trace = await session.GenerateAsync(new GenerationRequest { PromptTokens = prompt, TokenCount = 8 });

        Assert.NotNull(trace.Prompt);
        Assert.Equal(prompt.Length, trace.Prompt.TokenCount);
        Assert.Equal(trace.StartNs, trace.Prompt.StartNs);
        Assert.True(trace.Prompt.EndNs > trace.Prompt.StartNs);
        Assert.True(trace.TokenNs[0] >= trace.Prompt.EndNs);
        Assert.Equal(8, trace.Tokens.Count);
    }

    [Fact]
    public async Task Greedy_generation_is_reproducible()
    {
        await using var session = await model.OpenAsync();
        var prompt = await session.TokenizeAsync("Once upon a time", addSpecial: true);
        var request = new GenerationRequest { PromptTokens = prompt, TokenCount = 12, Sampling = SamplingOptions.Greedy };

        var first = await session.GenerateAsync(request);
        await session.ClearAsync();
        var second = await session.GenerateAsync(request);

        Assert.Equal(first.Tokens, second.Tokens);
    }

    [Fact]
    public async Task Temperature_sampling_repeats_with_the_same_seed_and_changes_with_another()
    {
        await using var session = await model.OpenAsync();
        var prompt = await session.TokenizeAsync("Once upon a time", addSpecial: true);
        GenerationRequest Request(uint seed) => new()
        {
            PromptTokens = prompt, TokenCount = 16,
            Sampling = new SamplingOptions { Mode = SamplingMode.Temperature, Temperature = 1.5f, TopK = 1000, Seed = seed },
        };

        var a = await session.GenerateAsync(Request(7));
        await session.ClearAsync();
        var b = await session.GenerateAsync(Request(7));
        await session.ClearAsync();
        var c = await session.GenerateAsync(Request(8));

        Assert.Equal(a.Tokens, b.Tokens);
        Assert.NotEqual(a.Tokens, c.Tokens);
    }

    [Fact]
    public async Task A_prompt_longer_than_one_batch_is_decoded_in_chunks()
    {
        var options = TinyModelFixture.SmallSession with { BatchSize = 16, MicroBatchSize = 16 };
        await using var session = await model.OpenAsync(options);
        var tokens = Enumerable.Range(100, 40).ToArray();

        var prompt = await session.ProcessPromptAsync(tokens);
        var next = await session.GenerateAsync(new GenerationRequest { TokenCount = 4 });

        Assert.Equal(40, prompt.TokenCount);
        Assert.True(prompt.TokensPerSecond > 0);
        Assert.Equal(4, next.Tokens.Count);
    }

    [Fact]
    public async Task Generates_without_a_persistent_threadpool_as_llama_batched_bench_runs()
    {
        await using var session = await model.OpenAsync(TinyModelFixture.SmallSession with { PersistentThreadpool = false });

        var trace = await session.GenerateAsync(new GenerationRequest { TokenCount = 6 });

        Assert.Equal(6, trace.Tokens.Count);
    }

    [Fact]
    public async Task Text_round_trips_through_the_model_vocabulary()
    {
        await using var session = await model.OpenAsync();

        var tokens = await session.TokenizeAsync("Hello world, this is a test.", addSpecial: false);
        var text = await session.DetokenizeAsync(tokens);

        Assert.NotEmpty(tokens);
        Assert.Equal("Hello world, this is a test.", text);
    }
}
