using BenchCluster.Engine.Benchmarking;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Tests.Inference;
using BenchCluster.EngineBench;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Benchmarking;

/// <summary>
/// engine-bench's decodes, counted on the session it opens: one warm-up (llama-bench's: the prompt, then one
/// generated token) and then per repetition the prompt's n_batch chunks and one decode per generated token.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class EngineBenchmarkDecodeCountTests(TinyModelFixture model)
{
    private const int Repetitions = 2;

    [Theory]
    [InlineData("tg16", 1, Repetitions * 16)] // warm-up: one generated token
    [InlineData("pp40+tg16", 1 + 1, Repetitions * (1 + 16))] // warm-up: the prompt, then one generated token
    public async Task Llama_bench_tests_spend_one_decode_per_generated_token(string name, int warmupDecodes, int measuredDecodes)
    {
        var backend = new CountingBackend(model.Backend);

        await Benchmark().RunTestAsync(backend, EngineBenchmarkTest.Parse(name));

        Assert.Equal(warmupDecodes + measuredDecodes, backend.Decodes);
    }

    [Fact]
    public async Task A_batched_test_spends_tg_steps_after_the_prompts()
    {
        var backend = new CountingBackend(model.Backend);

        await Benchmark().RunTestAsync(backend, new EngineBenchmarkTest(10, 16, 4));

        // Warm-up and each repetition: 4 × 10 prompt tokens in one n_batch decode, then 16 steps.
        Assert.Equal((1 + Repetitions) * (1 + 16), backend.Decodes);
    }

    private static EngineBenchmark Benchmark() => new(new EngineBenchmarkOptions
    {
        ModelPath = TestModels.TinyModelPath, Threads = 2, Repetitions = Repetitions, BatchSize = 64, MicroBatchSize = 64,
    });

    /// <summary>The real backend; keeps the decoder of the session it opens so its count can be read after disposal.</summary>
    private sealed class CountingBackend(LlamaBackend inner) : IInferenceBackend
    {
        private SessionDecoder? _decoder;

        public long Decodes => _decoder?.DecodeCount ?? throw new InvalidOperationException("no session was opened");

        public ModelInfo Model => inner.Model;

        public EngineBuildInfo Build => inner.Build;

        public async Task<IInferenceSession> CreateSessionAsync(SessionOptions options, CancellationToken cancellationToken = default)
        {
            var session = (LlamaSession)await inner.CreateSessionAsync(options, cancellationToken);
            _decoder = await session.RunOnDecodeThreadAsync(decoder => decoder);
            return session;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
