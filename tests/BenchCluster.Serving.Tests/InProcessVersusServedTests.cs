using BenchCluster.EngineChild;
using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Serving.Tests;

/// <summary>
/// Issue 4's cross-check: one request-level job benchmarked on the forged tiny model in-process (continuous batching)
/// and through <see cref="OpenAiCompatibleServer"/> over real loopback HTTP with the remote backend, by the real
/// <see cref="ScenarioRunner"/>. Both paths must agree on what was done; timings only have to be sane.
/// </summary>
public sealed class InProcessVersusServedTests : IAsyncLifetime
{
    private const int Requests = 20;
    private const int OutputTokens = 16;
    private const int PromptTokens = 32;

    private static readonly JobSpec Job = MatrixExpander.Expand(new SuiteParser().Parse($$$"""
        repetitions: 1
        warmup: 1
        validity: {min_duration_s: 0}
        models: [{preset: tiny, type: f16}]
        scenarios:
          - {kind: concurrency, requests: {{{Requests}}}, workload: {prompt_tokens: {{{PromptTokens}}}, output_tokens: {{{OutputTokens}}}}, parameters: {concurrency: [2]}}
        """)).Jobs[0];

    private TinyJobEngine? _tiny;

    public async Task InitializeAsync() => _tiny = await TinyJobEngine.StartAsync(Job);

    public async Task DisposeAsync()
    {
        if (_tiny is not null)
            await _tiny.DisposeAsync();
    }

    private TinyJobEngine Tiny => _tiny ?? throw new InvalidOperationException("not initialized");

    private ContinuousBatchingBackend Engine => Tiny.Engine;

    [Fact]
    public async Task The_same_job_in_process_and_through_serve_does_the_same_work_with_agreeing_usage_and_sane_latencies()
    {
        var runner = new ScenarioRunner(new RunEnvironment { Model = Tiny.Model.Model, EngineBuild = Tiny.Model.Build });
        var tokenizer = new InProcessPromptTokenizer(Engine);

        var inProcess = await runner.RunAsync(Job, Engine, tokenizer);
        JobMeasurement served;
        await using (var endpoint = await ServedEndpoint.StartAsync(Engine))
            served = await runner.RunAsync(Job, endpoint.Client, tokenizer); // token-id prompts: the same prompts as in-process

        foreach (var (path, run) in new[] { ("in-process", inProcess), ("served", served) })
        {
            Assert.Null(run.Error);
            var measured = run.Samples.Where(s => !s.IsWarmup).ToList();
            Assert.Equal(Requests, measured.Count);
            Assert.All(measured, s => Assert.True(s.Succeeded, $"{path}: {s.Error}"));
            Assert.All(measured, s => Assert.Equal(OutputTokens, s.OutputTokens));
            Assert.All(measured, s => Assert.Equal(PromptTokens, s.PromptTokens));
            // The backend's own usage agrees with what we counted from the stream.
            Assert.All(measured, s => Assert.Equal(s.OutputTokens, s.ServerOutputTokens));
            Assert.All(measured, s => Assert.Equal(s.PromptTokens, s.ServerPromptTokens));
            AssertSaneLatencies(measured);
        }
        Assert.Equal(inProcess.Samples.Sum(s => s.OutputTokens), served.Samples.Sum(s => s.OutputTokens));
        Assert.Equal("llama.cpp-inprocess", inProcess.Provenance?.Backend?.Kind);
        Assert.Equal("openai-compatible", served.Provenance?.Backend?.Kind);
    }

    [Fact]
    public async Task Text_prompts_through_serve_are_counted_by_the_server_and_produce_every_requested_token()
    {
        var runner = new ScenarioRunner();
        await using var endpoint = await ServedEndpoint.StartAsync(Engine);

        // No tokenizer: what a suite's endpoint model does (prompt text of about N tokens; the server's usage rules).
        var served = await runner.RunAsync(Job, endpoint.Client);

        Assert.Null(served.Error);
        var measured = served.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(Requests, measured.Count);
        Assert.All(measured, s => Assert.Equal(OutputTokens, s.ServerOutputTokens));
        Assert.All(measured, s => Assert.Equal(s.OutputTokens, s.ServerOutputTokens));
        Assert.All(measured, s => Assert.InRange(s.ServerPromptTokens ?? 0, PromptTokens / 2, PromptTokens * 2));
        AssertSaneLatencies(measured);
    }

    private static void AssertSaneLatencies(List<Sample> measured)
    {
        foreach (var sample in measured)
        {
            var ttft = RequestMetrics.TtftMs(sample);
            var tpot = RequestMetrics.TpotMs(sample);
            Assert.True(ttft is > 0 && double.IsFinite(ttft.Value), $"TTFT {ttft}");
            Assert.True(tpot is > 0 && double.IsFinite(tpot.Value), $"TPOT {tpot}");
        }
    }
}
