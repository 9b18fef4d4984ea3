using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Workloads;

namespace BenchCluster.Measurement.Tests.Scenarios;

public sealed class WorkloadInputScenarioTests : IDisposable
{
    private readonly WorkloadDataFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task A_trace_job_schedules_each_request_at_its_scaled_trace_offset_with_the_trace_lengths()
    {
        var path = files.Write("t.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,40,3\n2023-11-16 18:15:46.7805900,80,5\n2023-11-16 18:15:46.7805900,20,2\n2023-11-16 18:15:47.0805900,60,4\n");
        var job = Jobs.Remote($"{{kind: trace, trace: {{path: {path}, time_scale: 0.25}}}}");
        var backend = FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1);

        var result = await new ScenarioRunner(new RunEnvironment { WorkloadDataFolder = files.Root }).RunAsync(job, backend);

        Assert.Null(result.Error);
        var stage = Assert.Single(result.Stages);
        var measured = result.Samples.Where(s => !s.IsWarmup).OrderBy(s => s.Seq).ToList();
        Assert.Equal([0L, 25_000_000, 25_000_000, 100_000_000], measured.Select(s => s.ScheduledNs!.Value - stage.StartNs));
        Assert.Equal([3, 5, 2, 4], measured.Select(s => s.RequestedOutputTokens));
        Assert.Equal([40, 80, 20, 60], measured.Select(s => s.PromptTokens));
        Assert.Equal(4 / 0.1, stage.TargetRate!.Value, 6);
        var input = Assert.Single(result.Provenance!.WorkloadInputs!);
        Assert.Equal(("trace", files.Sha256(path), 4), (input.Format, input.Sha256, input.Records));
        // The engine child sends its measurement as JSON: the file's identity must survive the trip.
        var back = MeasurementJson.Deserialize<JobMeasurement>(MeasurementJson.Serialize(result));
        Assert.Equal(input, Assert.Single(back.Provenance!.WorkloadInputs!));
    }

    [Fact]
    public async Task A_dataset_job_sends_the_dataset_prompts_with_its_output_lengths_and_records_the_file_hash()
    {
        // Conversation ids without conversation: in the workload leave every line a request of its own (docs/workloads.md).
        var path = files.Write("d/p.jsonl", "{\"prompt\": \"Tell me about owls.\", \"output_tokens\": 6, \"conversation_id\": 1}\n{\"prompt\": \"Summarise the news.\", \"conversation_id\": 1}\n");
        var job = Jobs.Remote($"{{kind: poisson, requests: 30, workload: {{output_tokens: 9, dataset: {{format: jsonl, path: {path}}}}}, parameters: {{rate: [2000]}}}}");
        var backend = FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1);

        var result = await new ScenarioRunner(new RunEnvironment { WorkloadDataFolder = files.Root }).RunAsync(job, backend);

        Assert.Null(result.Error);
        Assert.All(backend.Requests, r => Assert.Equal(r.Prompt == "Tell me about owls." ? 6 : 9, r.MaxTokens));
        Assert.Equal(["Summarise the news.", "Tell me about owls."], backend.Requests.Select(r => r.Prompt).Distinct().Order(StringComparer.Ordinal));
        Assert.All(result.Samples, s => Assert.Equal((null, null), (s.ConversationId, s.TurnIndex)));
        Assert.All(backend.Requests, r => Assert.Null(r.CacheKey));
        var input = Assert.Single(result.Provenance!.WorkloadInputs!);
        Assert.Equal(("jsonl", path, files.Sha256(path)), (input.Format, input.Path, input.Sha256));
    }

    [Fact]
    public async Task A_sharegpt_dataset_job_runs_on_a_single_threaded_scheduler_as_a_worker_grain_runs_it()
    {
        // An Orleans grain runs its calls one at a time on its own task scheduler; a reader that blocks on an async
        // JSON stream there waits for a continuation queued behind itself (the endpoint job hung, found in local mode).
        var path = files.Write("s.json", "[{\"conversations\": [{\"from\": \"human\", \"value\": \"Name three rivers.\"}, {\"from\": \"gpt\", \"value\": \"Nile, Amazon, Danube.\"}]}]");
        var job = Jobs.Remote($"{{kind: poisson, requests: 4, workload: {{dataset: {{format: sharegpt, path: {path}}}}}, parameters: {{rate: [2000]}}}}");
        var backend = FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1);
        var grainLike = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

        var run = Task.Factory.StartNew(
            () => new ScenarioRunner(new RunEnvironment { WorkloadDataFolder = files.Root }).RunAsync(job, backend),
            CancellationToken.None, TaskCreationOptions.None, grainLike).Unwrap();
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(run, finished);
        Assert.Null((await run).Error);
        Assert.All(backend.Requests, r => Assert.Equal("Name three rivers.", r.Prompt));
    }

    [Fact]
    public async Task A_bad_dataset_ends_the_job_before_any_request_with_the_file_line_message()
    {
        var path = files.Write("bad.jsonl", "{\"prompt\": 1}\n");
        var job = Jobs.Remote($"{{kind: poisson, requests: 5, workload: {{dataset: {{format: jsonl, path: {path}}}}}, parameters: {{rate: [100]}}}}");
        var backend = FakeCompletionBackend.Steady();

        var result = await new ScenarioRunner(new RunEnvironment { WorkloadDataFolder = files.Root }).RunAsync(job, backend);

        Assert.Equal("WorkloadInputException: bad.jsonl:1: has no \"prompt\" text; every line needs a non-empty \"prompt\" string", result.Error);
        Assert.Equal(0, backend.Calls);
        Assert.Empty(result.Samples);
    }
}
