using System.Collections.Concurrent;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Grains.Coordinator.Dispatch;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Storage.Resilience;

namespace BenchCluster.Cluster.Tests.Unit.Dispatch;

/// <summary>
/// One run for the dispatcher, all in memory: two points × <c>repetitions</c> on each of the given nodes, a fake
/// store, fake workers and an observer. The dispatcher runs on one exclusive scheduler, as it does inside its grain.
/// </summary>
internal sealed class DispatchScenario
{
    public const string ModelSha256 = "0000000000000000000000000000000000000000000000000000000000000001";

    /// <summary>Short waits so tests run fast; the bound (tries, longest wait) is what they check.</summary>
    public static readonly PostgresRetryOptions FastRetry = new() { MaxRetries = 4, FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(8) };

    public DispatchScenario(int repetitions = 2, int maxAttempts = 2, params string[] nodes)
    {
        nodes = nodes.Length == 0 ? ["n1"] : nodes;
        var suite = new SuiteParser().Parse($"""
            name: dispatch
            repetitions: {repetitions}
            models: [{"{"}name: m, preset: tiny, type: f16{"}"}]
            scenarios: [{"{"}name: pp, kind: pp, prompt_tokens: 8{"}"}, {"{"}name: tg, kind: tg, output_tokens: 8{"}"}]
            """, "dispatch.yaml");
        var specs = MatrixExpander.Expand(suite).Jobs;
        Jobs = nodes.SelectMany(node => specs.Select(spec => new PlannedJob(RunPlanner.JobIdFor(RunId, spec, node), spec, node, ModelSha256))).ToList();
        Store = new FakeRunJobStore(Jobs);
        Workers = new FakeWorkerGateway(Store, nodes);
        var retry = new PostgresRetry(FastRetry, attempt => Retries.Enqueue(attempt));
        RunJobs = new RunJobs(Jobs);
        Dispatcher = new RunDispatcher(RunId, RunJobs, Store, Workers, Observer, new DispatchSettings { MaxAttempts = maxAttempts, StorageRetry = retry },
            new NodeRelocation(suite.Nodes, nodes.ToDictionary(n => n, FakeWorkerGateway.Node)));
    }

    public Guid RunId { get; } = Guid.NewGuid();
    public IReadOnlyList<PlannedJob> Jobs { get; }
    public FakeRunJobStore Store { get; }
    public FakeWorkerGateway Workers { get; }
    public RecordingObserver Observer { get; } = new();
    public RunJobs RunJobs { get; }
    public RunDispatcher Dispatcher { get; }
    public ConcurrentQueue<PostgresRetryAttempt> Retries { get; } = new();

    public Task<DispatchEnd> RunAsync() =>
        Task.Factory.StartNew(() => Dispatcher.RunAsync(CancellationToken.None), CancellationToken.None, TaskCreationOptions.None,
            new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();
}
