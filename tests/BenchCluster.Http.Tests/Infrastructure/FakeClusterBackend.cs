using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Contracts.Runs;
using BenchCluster.Http.Cluster;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Reports;
using BenchCluster.Storage.Queries;
using BenchCluster.Storage.Runs;

namespace BenchCluster.Http.Tests.Infrastructure;

/// <summary>An in-memory cluster: accepts every suite, keeps runs whose progress the test moves, records who submitted.</summary>
internal sealed class FakeClusterBackend : IClusterBackend
{
    private readonly ConcurrentDictionary<Guid, RunProgressRow> _runs = new();

    public ConcurrentQueue<(string SourceName, string SubmittedBy)> Submissions { get; } = new();

    public ConcurrentQueue<IReadOnlyList<string>> SubmittedTags { get; } = new();

    public Exception? FailWith { get; set; }

    /// <summary>Read by GetRunAsync: lets a test change a run's state between polls.</summary>
    public int Polls;

    public Guid AddRun(RunState state, int succeeded = 0, int total = 2)
    {
        var id = Guid.NewGuid();
        _runs[id] = Row(id, state, succeeded, total);
        return id;
    }

    public void SetRun(Guid id, RunState state, int succeeded, int total = 2) => _runs[id] = Row(id, state, succeeded, total);

    public Task<SubmitResult> SubmitAsync(string suiteText, string sourceName, string submittedBy, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        Submissions.Enqueue((sourceName, submittedBy));
        SubmittedTags.Enqueue(tags);
        var id = AddRun(RunState.Pending);
        return Task.FromResult(new SubmitResult(id, true, 2, []));
    }

    public Task<ComparedRun> ResolveRunAsync(string reference, CancellationToken cancellationToken) =>
        Guid.TryParse(reference, out var id) && _runs.TryGetValue(id, out var run)
            ? Task.FromResult(new ComparedRun { RunId = id, Reference = reference, SuiteName = run.SuiteName })
            : Task.FromException<ComparedRun>(new RunReferenceException($"no run has id or tag '{reference}'"));

    public Task<IReadOnlyList<WorkerNode>> GetWorkersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WorkerNode>>([new WorkerNode("node-a", "127.0.0.1:1", "cpu", "test cpu", "test cpu", 2, 1L << 30, 0, 0.5, 30,
            [new HeldModel("ab12", "tiny.gguf", 1000, "qwen2", "F16", true, "tiny")])]);

    public Task<IReadOnlyList<RunProgressRow>> ListRunsAsync(int limit, CancellationToken cancellationToken) =>
        FailWith is { } failure ? Task.FromException<IReadOnlyList<RunProgressRow>>(failure)
        : Task.FromResult<IReadOnlyList<RunProgressRow>>(_runs.Values.OrderByDescending(r => r.SubmittedAt).Take(limit).ToList());

    public Task<RunProgressRow?> GetRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Polls);
        return Task.FromResult(_runs.TryGetValue(runId, out var row) ? row : null);
    }

    /// <summary>The results GetResultsAsync answers per run; a run without an entry has none.</summary>
    public ConcurrentDictionary<Guid, IReadOnlyList<ResultView>> Results { get; } = new();

    public Task<IReadOnlyList<ResultView>> GetResultsAsync(Guid runId, CancellationToken cancellationToken) =>
        Task.FromResult(Results.TryGetValue(runId, out var results) ? results : (IReadOnlyList<ResultView>)[]);

    public Task<IReadOnlyList<ResultView>> GetLatestResultsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ResultView>>([]);

    public Task<ReportInput?> ReadReportInputAsync(Guid runId, CancellationToken cancellationToken) =>
        Task.FromResult(_runs.TryGetValue(runId, out var run) ? new ReportInput { Run = run, Records = [] } : null);

    public async IAsyncEnumerable<RequestRow> ReadRequestsAsync(Guid runId, bool includeWarmup, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < Math.Min(limit, 5); i++)
        {
            await Task.Yield();
            yield return new RequestRow
            {
                RunId = runId, JobId = Guid.Empty, PointKey = "p", Model = "m", Scenario = "tg", Repetition = 0, Attempt = 1, Seq = i,
                Kind = "Generation", IsWarmup = false, Stage = 0, SentNs = 0, EndNs = 1_000_000, E2eMs = 1, PromptTokens = 0,
                OutputTokens = 8, RequestedOutputTokens = 8, Events = 8,
            };
        }
    }

    private static RunProgressRow Row(Guid id, RunState state, int succeeded, int total) => new()
    {
        RunId = id, SuiteName = "fake", Status = state, SubmittedBy = "someone", SubmittedAt = DateTimeOffset.UtcNow,
        TotalJobs = total, SucceededJobs = succeeded, PendingJobs = total - succeeded, PercentDone = 100.0 * succeeded / total,
    };
}
