using BenchCluster.EngineProcess.Jobs;
using BenchCluster.EngineProcess.Parent;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.EngineProcess.Tests;

/// <summary>A real engine child (benchcluster engine-host) with the tiny model: jobs run, and crashes and hangs become job failures.</summary>
public sealed class EngineProcessSupervisorTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Runs_a_job_in_the_child_and_returns_its_raw_measurement()
    {
        await using var engine = await StartAsync(fault: null);
        Assert.Equal(Path.GetFullPath(TestModels.TinyModelPath), engine.Loaded.Model.Path);
        Assert.NotEqual(Environment.ProcessId, engine.ProcessId);

        var measurement = await engine.RunAsync(new EngineRunRequest(TinyJobJson(outputTokens: 8), "test-node"), JobTimeout, CancellationToken.None);

        Assert.Null(measurement.Error);
        var measured = Assert.Single(measurement.Samples, s => !s.IsWarmup);
        Assert.Equal(8, measured.OutputTokens);
        Assert.Equal(8, measured.EventNs.Length);
        Assert.True(measured.EventNs.Zip(measured.EventNs.Skip(1)).All(p => p.First <= p.Second), "token timestamps go backwards");
        // The child reads power around the measured part: watts where the machine has counters, else the reasons why not.
        Assert.True(measurement.MeasuredWatts is > 0 || measurement.PowerNotes.Count > 0, "the child measured no power and gave no reason");
        Assert.True(engine.IsAlive);
    }

    [Fact]
    public async Task Runs_a_request_level_job_in_the_child_on_its_continuous_batching_server()
    {
        await using var engine = await StartAsync(fault: null);

        var measurement = await engine.RunAsync(new EngineRunRequest(TinyJobJson(outputTokens: 6, """
            - name: c2
                kind: concurrency
                requests: 6
                workload: {prompt_tokens: 12, output_tokens: 6}
                parameters: {concurrency: [2]}
            """), "test-node"), JobTimeout, CancellationToken.None);

        Assert.Null(measurement.Error);
        var measured = measurement.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(6, measured.Count);
        Assert.All(measured, s => Assert.Equal(6, s.ServerOutputTokens));
        Assert.All(measured, s => Assert.Equal(12, s.PromptTokens)); // exact token windows: the child tokenizes with its model
        Assert.Equal("llama.cpp-inprocess", measurement.Provenance?.Backend?.Kind);
        Assert.Equal(2, measurement.Provenance?.Backend?.MaxConcurrency);
    }

    [Fact]
    public async Task A_native_abort_in_the_child_fails_the_job_with_the_signal_and_the_childs_last_words()
    {
        await using var engine = await StartAsync(fault: "abort-on-run");

        var crash = await Assert.ThrowsAsync<EngineCrashedException>(
            () => engine.RunAsync(new EngineRunRequest(TinyJobJson(outputTokens: 8), "test-node"), JobTimeout, CancellationToken.None));

        Assert.Contains("SIGABRT", crash.Message);
        Assert.Contains("engine fault injection: abort()", crash.Message);
        Assert.False(engine.IsAlive);
        // This process (the silo, in production) is still here, and a fresh child works.
        await using var fresh = await StartAsync(fault: null);
        var measurement = await fresh.RunAsync(new EngineRunRequest(TinyJobJson(outputTokens: 4), "test-node"), JobTimeout, CancellationToken.None);
        Assert.Null(measurement.Error);
    }

    [Fact]
    public async Task A_hung_child_is_killed_at_the_deadline_and_the_job_fails_as_hung()
    {
        await using var engine = await StartAsync(fault: "hang-on-run");

        var crash = await Assert.ThrowsAsync<EngineCrashedException>(
            () => engine.RunAsync(new EngineRunRequest(TinyJobJson(outputTokens: 8), "test-node"), TimeSpan.FromSeconds(3), CancellationToken.None));

        Assert.Contains("hung", crash.Message);
        Assert.False(engine.IsAlive);
    }

    [Fact]
    public async Task A_model_the_child_cannot_load_is_a_clear_error_and_no_child_is_left()
    {
        var notGguf = Path.Combine(RepositoryPaths.Scratch("engine-process"), "not-a-model.gguf");
        await File.WriteAllTextAsync(notGguf, "this is not a GGUF file");

        var error = await Assert.ThrowsAsync<EngineRequestFailedException>(() => InferenceEngineProcess.StartAsync(
            Launch(null), new EngineLoadRequest(notGguf, GpuLayers: 0), NullLogger.Instance, CancellationToken.None));

        Assert.Contains("not-a-model.gguf", error.Message);
    }

    private static Task<InferenceEngineProcess> StartAsync(string? fault) => InferenceEngineProcess.StartAsync(
        Launch(fault), new EngineLoadRequest(TestModels.TinyModelPath, GpuLayers: 0), NullLogger.Instance, CancellationToken.None);

    private static EngineLaunchOptions Launch(string? fault) => new()
    {
        FileName = "dotnet",
        LeadingArguments = [Path.Combine(AppContext.BaseDirectory, "benchcluster.dll")],
        Environment = fault is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["BENCHCLUSTER_ENGINE_FAULT"] = fault },
    };

    private static string TinyJobJson(int outputTokens, string? scenario = null)
    {
        scenario ??= $"""
            - name: tg
                kind: tg
                output_tokens: {outputTokens}
            """;
        var suite = new SuiteParser().Parse($"""
            name: engine-process-test
            repetitions: 1
            warmup: 1
            models:
              - {"{"}name: tiny, preset: tiny, type: f16{"}"}
            scenarios:
              {scenario}
            parameters:
              threads: [1]
            """, "test.yaml");
        return MeasurementJson.Serialize(MatrixExpander.Expand(suite).Jobs.Single());
    }
}
