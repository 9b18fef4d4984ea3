using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.EngineChild;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing;

namespace BenchCluster.Serving.Tests;

/// <summary>
/// Issue 13's dataset and trace jobs end to end on the forged tiny model: the real scenario runner, the in-process
/// continuous-batching engine the engine child uses, and (for the dataset) the same engine behind `serve` over HTTP.
/// </summary>
public sealed class WorkloadInputJobsTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("benchcluster-workload-jobs-").FullName;
    private LlamaBackend? _model;

    public async Task InitializeAsync() => _model = await LlamaBackend.LoadAsync(TestModels.TinyModelPath);

    public async Task DisposeAsync()
    {
        if (_model is not null)
            await _model.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static JobSpec Job(string scenario) => MatrixExpander.Expand(new SuiteParser().Parse($"""
        repetitions: 1
        warmup: 1
        validity: {"{"}min_duration_s: 0{"}"}
        models: [{"{"}preset: tiny, type: f16{"}"}]
        scenarios:
          - {scenario}
        """)).Jobs[0];

    private Task<ContinuousBatchingBackend> EngineFor(JobSpec job) => TinyJobEngine.CreateEngineAsync(_model!, job);

    private ScenarioRunner Runner => new(new RunEnvironment { Model = _model!.Model, EngineBuild = _model.Build, WorkloadDataFolder = _root });

    [Fact]
    public async Task A_jsonl_dataset_job_sends_real_token_counts_in_process_and_text_through_serve_with_dataset_output_lengths()
    {
        string[] prompts = ["The lighthouse keeper counted ships at dawn.", "Why do cats sleep so much?", "List three uses of copper.", "Describe a quiet harbour town in winter."];
        var overlong = string.Join(' ', Enumerable.Repeat("a very long prompt indeed", 40));
        File.WriteAllText(Path.Combine(_root, "prompts.jsonl"), string.Join('\n',
            $"{{\"prompt\": \"{prompts[0]}\", \"output_tokens\": 3}}", $"{{\"prompt\": \"{prompts[1]}\"}}", $"{{\"prompt\": \"{overlong}\", \"output_tokens\": 2}}",
            $"{{\"prompt\": \"{prompts[2]}\", \"output_tokens\": 5, \"conversation_id\": \"x\"}}", $"{{\"prompt\": \"{prompts[3]}\", \"output_tokens\": 6}}"));
        var job = Job("{kind: concurrency, requests: 16, workload: {prompt_tokens: 48, output_tokens: 7, dataset: {format: jsonl, path: prompts.jsonl}}, parameters: {concurrency: [2]}}");
        await using var engine = await EngineFor(job);
        var tokenizer = new InProcessPromptTokenizer(engine);
        var counts = new List<int>();
        foreach (var prompt in prompts)
            counts.Add((await tokenizer.TokenizeAsync(prompt, CancellationToken.None)).Length);

        var inProcess = await Runner.RunAsync(job, engine, tokenizer);
        JobMeasurement served;
        await using (var endpoint = await ServedEndpoint.StartAsync(engine))
            served = await Runner.RunAsync(job, endpoint.Client);

        Assert.Null(inProcess.Error);
        var measured = inProcess.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(16, measured.Count);
        Assert.All(measured, s => Assert.Contains(s.PromptTokens, counts));
        Assert.All(measured, s => Assert.Equal(s.PromptTokens, s.ServerPromptTokens));
        Assert.All(measured, s => Assert.Equal(s.RequestedOutputTokens, s.OutputTokens));
        Assert.All(measured, s => Assert.Equal(s.PromptTokens == counts[0] ? 3 : s.PromptTokens == counts[1] ? 7 : s.PromptTokens == counts[2] ? 5 : 6, s.RequestedOutputTokens));
        var input = Assert.Single(inProcess.Provenance!.WorkloadInputs!);
        Assert.Equal((4, 1), (input.Records, input.Skipped));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, "prompts.jsonl")))), input.Sha256);

        Assert.Null(served.Error);
        var remote = served.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.All(remote, s => Assert.True(s.Succeeded, s.Error));
        Assert.All(remote, s => Assert.Equal(s.RequestedOutputTokens, s.ServerOutputTokens));
        Assert.All(remote, s => Assert.True(s.ServerPromptTokens > 0, "the server counted no prompt tokens"));
        // Remote sends all five prompts as text, the long one too (only the server's context could refuse it), and the server's count rules.
        Assert.Contains(remote, s => s.ServerPromptTokens > 48);
        Assert.Equal((5, 0), (Assert.Single(served.Provenance!.WorkloadInputs!).Records, served.Provenance.WorkloadInputs![0].Skipped));
    }

    [Fact]
    public async Task A_trace_job_replays_the_scaled_offsets_and_lengths_of_the_trace_in_process()
    {
        File.WriteAllText(Path.Combine(_root, "trace.csv"), """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2023-11-16 18:15:46.0000000,20,4
            2023-11-16 18:15:46.1000000,40,6
            2023-11-16 18:15:46.1500000,500,2
            2023-11-16 18:15:46.4000000,10,8
            2023-11-16 18:15:46.6000000,33,5
            """);
        var job = Job("{kind: trace, max_concurrency: 2, workload: {prompt_tokens: 64, output_tokens: 8}, trace: {path: trace.csv, time_scale: 0.5}}");
        await using var engine = await EngineFor(job);

        var result = await Runner.RunAsync(job, engine, new InProcessPromptTokenizer(engine));

        Assert.Null(result.Error);
        var stage = Assert.Single(result.Stages);
        var measured = result.Samples.Where(s => !s.IsWarmup).OrderBy(s => s.Seq).ToList();
        Assert.Equal([0L, 50_000_000, 75_000_000, 200_000_000, 300_000_000], measured.Select(s => s.ScheduledNs!.Value - stage.StartNs));
        Assert.All(measured, s => Assert.True(s.Succeeded, s.Error));
        Assert.Equal([20, 40, 64, 10, 33], measured.Select(s => s.PromptTokens));
        Assert.Equal([4, 6, 2, 8, 5], measured.Select(s => s.OutputTokens));
        Assert.All(measured, s => Assert.True(s.SentNs >= s.ScheduledNs, "sent before its scheduled time"));
        var input = Assert.Single(result.Provenance!.WorkloadInputs!);
        Assert.Equal(("trace", 5, 1), (input.Format, input.Records, input.Clipped));
    }
}
