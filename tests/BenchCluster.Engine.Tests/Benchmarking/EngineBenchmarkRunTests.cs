using System.Text.Json;
using BenchCluster.Engine.Benchmarking;
using BenchCluster.Engine.Tests.Inference;
using BenchCluster.EngineBench;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Benchmarking;

[Collection(TinyModelCollection.Name)]
public sealed class EngineBenchmarkRunTests(TinyModelFixture model)
{
    private static EngineBenchmark Benchmark(int repetitions) => new(new EngineBenchmarkOptions
    {
        ModelPath = TestModels.TinyModelPath, Threads = 2, Repetitions = repetitions, BatchSize = 64, MicroBatchSize = 64,
    });

    [Theory]
    [InlineData("pp32")]
    [InlineData("tg16")]
    [InlineData("pp16+tg8")]
    public async Task Single_sequence_tests_keep_every_repetition_and_derive_llama_bench_statistics(string name)
    {
        var test = EngineBenchmarkTest.Parse(name);

        var record = await Benchmark(3).RunTestAsync(model.Backend, test);

        Assert.Equal(name, record.Test);
        Assert.Equal(test.PromptTokens, record.NPrompt);
        Assert.Equal(test.GenerateTokens, record.NGen);
        Assert.Equal(1, record.Pl);
        Assert.Equal(3, record.SamplesNs.Count);
        Assert.All(record.SamplesNs, ns => Assert.True(ns > 0));
        var expectedTs = record.SamplesNs.Select(ns => test.TokensPerRepetition * 1e9 / ns).ToArray();
        Assert.Equal(expectedTs, record.SamplesTs);
        Assert.Equal(expectedTs.Average(), record.AvgTs, 6);
        Assert.Null(record.SpeedTg);
    }

    [Fact]
    public async Task A_batched_test_reports_the_phase_speeds_of_llama_batched_bench()
    {
        var record = await Benchmark(2).RunTestAsync(model.Backend, new EngineBenchmarkTest(8, 8, 4));

        Assert.Equal(4, record.Pl);
        Assert.Equal(2, record.SamplesSpeedPp!.Count);
        Assert.Equal(2, record.SamplesSpeedTg!.Count);
        Assert.True(record.SpeedPp > 0);
        Assert.True(record.SpeedTg > 0);
    }

    [Fact]
    public async Task Json_uses_llama_bench_field_names()
    {
        var record = await Benchmark(2).RunTestAsync(model.Backend, EngineBenchmarkTest.Parse("tg4"));

        using var json = JsonDocument.Parse(EngineBenchmarkJson.Serialize([record]));
        var fields = json.RootElement[0].EnumerateObject().Select(p => p.Name).ToHashSet();

        foreach (var name in new[] { "model_type", "model_size", "model_n_params", "n_batch", "n_ubatch", "n_threads", "type_k",
                     "n_gpu_layers", "flash_attn", "n_prompt", "n_gen", "test_time", "avg_ns", "stddev_ns", "avg_ts", "stddev_ts", "samples_ns", "samples_ts" })
            Assert.Contains(name, fields);
        var read = EngineBenchmarkJson.Deserialize(EngineBenchmarkJson.Serialize([record]))[0];
        Assert.Equal(record.SamplesNs, read.SamplesNs);
        Assert.Equal(record.AvgTs, read.AvgTs);
        Assert.Equal(record.Test, read.Test);
    }
}
