using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Tests.Inference;
using static BenchCluster.Engine.Tests.Completions.CompletionStreams;

namespace BenchCluster.Engine.Tests.Completions;

[Collection(TinyModelCollection.Name)]
public sealed class ContinuousBatchingAllocationTests(TinyModelFixture model)
{
    /// <summary>
    /// The decode thread hands over structs through the token channel: per token it allocates nothing (measured:
    /// 0 ± 0.1 bytes; the bound leaves room for per-request noise spread over 400 tokens). Chunk records (about 64
    /// bytes) and text are made by the reader; before they moved off the decode thread this measured 76 bytes a token.
    /// </summary>
    private const int MaxBytesPerToken = 8;

    [Fact]
    public async Task The_decode_loop_allocates_no_chunk_records_or_text_per_token()
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
        Assert.True(perToken < MaxBytesPerToken, $"the decode thread allocated {perToken:0.0} bytes per token");
    }

    /// <summary>The loop records its allocation count when it next goes idle, just after the last chunk was handed over.</summary>
    private static async Task WaitForIdleAfterAsync(Engine.Completions.InProcess.ContinuousBatchingBackend backend, long before)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (backend.DecodeThreadAllocatedBytesAtIdle == before)
            await Task.Delay(1, guard.Token);
    }
}
