using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Tests.Inference;
using static BenchCluster.Engine.Tests.Completions.CompletionStreams;

namespace BenchCluster.Engine.Tests.Completions;

[Collection(TinyModelCollection.Name)]
public sealed class ContinuousBatchingAllocationTests(TinyModelFixture model)
{
    /// <summary>A CompletionChunk record is about 64 bytes; a piece's string on its first sighting adds a few dozen more.</summary>
    private const int MaxBytesPerToken = 160;

    [Fact]
    public async Task The_decode_loop_allocates_little_more_than_the_chunk_records_per_token()
    {
        await using var backend = await OpenAsync(model, slots: 2);
        int[] prompt = [11, 12, 13];

        async Task<long> AllocatedForAsync(int tokens)
        {
            var before = backend.DecodeThreadAllocatedBytesAtIdle;
            await Task.WhenAll(ReadAllAsync(backend, Tokens(prompt, tokens, SamplingOptions.Greedy)), ReadAllAsync(backend, Tokens(prompt, tokens, SamplingOptions.Greedy)));
            await WaitForIdleAfterAsync(backend, before);
            return backend.DecodeThreadAllocatedBytesAtIdle - before;
        }

        await AllocatedForAsync(200); // JIT, the piece cache and the channels' first segments
        var small = await AllocatedForAsync(10);
        var large = await AllocatedForAsync(210);

        // Two requests share the per-request costs; the difference is 2 x 200 tokens of steady state.
        var perToken = (large - small) / 400.0;
        Assert.InRange(perToken, 1, MaxBytesPerToken);
    }

    /// <summary>The loop records its allocation count when it next goes idle, just after the last chunk was handed over.</summary>
    private static async Task WaitForIdleAfterAsync(Engine.Completions.InProcess.ContinuousBatchingBackend backend, long before)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (backend.DecodeThreadAllocatedBytesAtIdle == before)
            await Task.Delay(1, guard.Token);
    }
}
