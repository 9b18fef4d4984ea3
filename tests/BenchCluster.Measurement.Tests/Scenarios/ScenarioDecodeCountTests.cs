using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Testing;

namespace BenchCluster.Measurement.Tests.Scenarios;

/// <summary>
/// The scenarios that produce stored results, run on the forged tiny model through the real native libraries, with
/// the session's llama_decode calls counted: pg, tg and batched spend n_g generation decodes for n_g tokens, as
/// llama-bench and llama-batched-bench do. Every job is one warm-up run and one measured run.
/// </summary>
public sealed class ScenarioDecodeCountTests
{
    private const int Generated = 16;
    private static readonly SessionOptions Session = new()
    {
        ContextSize = 512, BatchSize = 64, MicroBatchSize = 64, Threads = 2, MaxSequences = 4,
    };

    private readonly ScenarioRunner _runner = new(new RunEnvironment { NodeName = "node-a" });

    [Fact]
    public async Task Pg_spends_one_prompt_decode_and_n_g_generation_decodes_per_run()
    {
        var (result, decodes) = await RunCountedAsync($"{{kind: pg, prompt_tokens: 40, output_tokens: {Generated}}}");

        Assert.Null(result.Error);
        Assert.Equal(Generated, result.Samples.Single(s => !s.IsWarmup).OutputTokens);
        Assert.Equal(2 * (1 + Generated), decodes); // 40 prompt tokens: one chunk of n_batch 64
    }

    [Fact]
    public async Task Tg_spends_n_g_decodes_per_run()
    {
        var (result, decodes) = await RunCountedAsync($"{{kind: tg, output_tokens: {Generated}}}");

        Assert.Null(result.Error);
        Assert.Equal(Generated, result.Samples.Single(s => !s.IsWarmup).OutputTokens);
        Assert.Equal(2 * Generated, decodes);
    }

    [Fact]
    public async Task Batched_spends_one_prompt_decode_and_tg_steps_per_run()
    {
        var (result, decodes) = await RunCountedAsync(
            $"{{kind: batched, prompt_tokens: 10, output_tokens: {Generated}, parameters: {{concurrency: [4]}}}}");

        Assert.Null(result.Error);
        var measured = result.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(4, measured.Count);
        Assert.All(measured, s => Assert.Equal(Generated, s.OutputTokens));
        Assert.Equal(2 * (1 + Generated), decodes); // 4 × 10 prompt tokens: one chunk of n_batch 64
    }

    private async Task<(JobMeasurement Result, long Decodes)> RunCountedAsync(string scenarioYaml)
    {
        await using var backend = await LlamaBackend.LoadAsync(TestModels.TinyModelPath);
        await using var session = await backend.CreateSessionAsync(Session);
        var llama = (LlamaSession)session;
        var before = await llama.RunOnDecodeThreadAsync(decoder => decoder.DecodeCount);
        var result = await _runner.RunAsync(Jobs.From(scenarioYaml), session);
        var after = await llama.RunOnDecodeThreadAsync(decoder => decoder.DecodeCount);
        return (result, after - before);
    }
}
