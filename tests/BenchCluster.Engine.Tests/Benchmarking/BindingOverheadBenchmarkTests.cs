using BenchCluster.Engine.Benchmarking;
using BenchCluster.Engine.Tests.Inference;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Benchmarking;

[Collection(TinyModelCollection.Name)]
public sealed class BindingOverheadBenchmarkTests
{
    private static BindingOverheadBenchmark Benchmark(params string[] tests) => new(new EngineBenchmarkOptions
    {
        ModelPath = TestModels.TinyModelPath, Tests = tests.Select(EngineBenchmarkTest.Parse).ToArray(),
        Threads = 2, Repetitions = 3, BatchSize = 64, MicroBatchSize = 64,
    });

    [Fact]
    public async Task Pairs_our_api_with_the_reference_loop_for_every_repetition_of_every_test()
    {
        var results = await Benchmark("pp32", "tg8", "pp8+tg4x2").RunAsync();

        Assert.Equal(["pp32", "tg8", "pp8+tg4 x2"], results.Select(r => r.Test));
        foreach (var result in results)
        {
            Assert.Equal(3, result.OursTokensPerSecond.Count);
            Assert.Equal(3, result.ReferenceTokensPerSecond.Count);
            Assert.All(result.OursTokensPerSecond.Concat(result.ReferenceTokensPerSecond), ts => Assert.True(ts > 0 && double.IsFinite(ts)));
            Assert.True(result.MedianRatio > 0);
        }
    }

    [Fact]
    public void Median_ratio_pairs_repetitions_in_order()
    {
        var result = new BindingOverheadResult("tg1", [10, 20, 30, 40], [10, 10, 10, 10]);

        Assert.Equal(2.5, result.MedianRatio);
    }

    [Fact]
    public async Task A_combined_single_sequence_test_is_refused_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Benchmark("pp8+tg8").RunAsync());

        Assert.Contains("run pp and tg separately", error.Message, StringComparison.Ordinal);
    }
}
