using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Tests.Inference;

[Collection(TinyModelCollection.Name)]
public sealed class SessionThreadingTests(TinyModelFixture model)
{
    private static readonly SessionOptions LongContext = TinyModelFixture.SmallSession with { ContextSize = 4096 };

    [Fact]
    public async Task Generation_runs_off_the_calling_thread_and_returns_an_unfinished_task()
    {
        await using var session = await model.OpenAsync(LongContext);

        var pending = session.GenerateAsync(new GenerationRequest { TokenCount = 400, Sampling = SamplingOptions.None });

        Assert.False(pending.IsCompleted);
        Assert.Equal(400, (await pending).Tokens.Count);
    }

    [Fact]
    public async Task Cancellation_stops_between_tokens_and_leaves_the_session_usable()
    {
        await using var session = await model.OpenAsync(LongContext);
        using var cancellation = new CancellationTokenSource();

        var pending = session.GenerateAsync(new GenerationRequest { TokenCount = 4000, Sampling = SamplingOptions.None }, cancellation.Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await session.ClearAsync();
        var after = await session.GenerateAsync(new GenerationRequest { TokenCount = 5 });
        Assert.Equal(5, after.Tokens.Count);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_cancels_without_decoding()
    {
        await using var session = await model.OpenAsync();

        var pending = session.GenerateAsync(new GenerationRequest { TokenCount = 5 }, new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task The_generation_loop_allocates_nothing_per_token_beyond_the_trace_arrays()
    {
        await using var session = await model.OpenAsync(LongContext);
        var llamaSession = Assert.IsType<LlamaSession>(session);

        Task<long> Allocated(int tokens) => llamaSession.RunOnDecodeThreadAsync(decoder =>
        {
            decoder.Clear();
            var before = GC.GetAllocatedBytesForCurrentThread();
            decoder.Generate(new GenerationRequest { TokenCount = tokens, Sampling = SamplingOptions.None }, CancellationToken.None);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });

        await Allocated(8); // the first call JIT-compiles the loop
        var few = await Allocated(8);
        var many = await Allocated(520);

        const int traceBytesPerToken = sizeof(int) + sizeof(long);
        Assert.InRange(many - few, 0, (520 - 8) * traceBytesPerToken + 64);
    }
}
