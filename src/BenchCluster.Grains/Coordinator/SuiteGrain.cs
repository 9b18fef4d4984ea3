using System.Text.Json;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Contracts.Runs;
using BenchCluster.Grains.Placement;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Runs;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// The coordinator of one run (key: run id). Validates the suite against the live workers, persists the run and its
/// jobs, dispatches one job at a time per node, moves the jobs of a node that died to another node holding the same
/// model, and aggregates each point as soon as its repetitions are in. Postgres holds the truth, so a restarted
/// coordinator resumes the run without redoing finished jobs. Reentrant: it awaits long jobs while answering progress calls.
/// </summary>
[CoordinatorPlacement]
[Reentrant]
public sealed partial class SuiteGrain(CoordinatorContext context, ILogger<SuiteGrain> logger) : Grain, ISuiteGrain, IDisposable
{
    private const int RecentEventCount = 12;
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    private readonly Queue<string> _events = new();
    private readonly CancellationTokenSource _cancellation = new();
    private Guid _runId;
    private SuiteDefinition? _suite;
    private RunJobs? _jobs;
    private Dictionary<string, WorkerNode> _nodes = new(StringComparer.Ordinal);
    private RunStatus _status = RunStatus.Pending;
    private string? _error;
    private Task? _dispatch;
    private IGrainTimer? _keepAlive;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _runId = this.GetPrimaryKey();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Stop dispatching from this activation; the next one (RunResumer) continues from Postgres.
        if (_dispatch is { IsCompleted: false })
            logger.LogWarning("run {RunId}: coordinator grain deactivated while dispatching ({Reason})", _runId, reason);
        await _cancellation.CancelAsync();
    }

    public async Task<SubmitResult> SubmitAsync(SuiteSubmission submission)
    {
        if (_jobs is not null || await context.Database.Runs.GetAsync(_runId) is not null)
            return SubmitResult.Rejected(_runId, [$"run {_runId} exists already; submit with a new run id"]);

        SuiteDefinition suite;
        try
        {
            suite = context.Parser.Parse(submission.SuiteText, submission.SourceName);
        }
        catch (SuiteValidationException e)
        {
            return SubmitResult.Rejected(_runId, e.Errors.Select(error => $"{submission.SourceName}:{error}").ToList());
        }

        var workers = await GrainFactory.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();
        var plan = RunPlanner.Plan(_runId, suite, workers, context.MaxJobs);
        if (!plan.IsRunnable)
            return SubmitResult.Rejected(_runId, plan.Errors.Count > 0 ? plan.Errors : ["the suite expands to no job"]);

        await context.Database.Runs.CreateAsync(new RunRow
        {
            RunId = _runId,
            SuiteName = suite.Name,
            SuiteText = submission.SuiteText,
            SubmittedBy = submission.SubmittedBy,
            SettingsJson = JsonSerializer.Serialize(new RunSettings(submission.SourceName, workers), MeasurementJson.Options),
        });
        await context.Database.Jobs.InsertAsync(plan.Jobs.Select(ToRow).ToList());
        await context.Database.Runs.SetStatusAsync(_runId, RunState.Running);
        Start(suite, plan.Jobs, stored: null, workers);
        Record($"run {_runId}: {plan.Jobs.Count} jobs on {plan.Jobs.Select(j => j.NodeName).Distinct().Count()} node(s)");
        return new SubmitResult(_runId, true, plan.Jobs.Count, []);
    }

    public async Task ResumeAsync()
    {
        if (_jobs is not null)
            return;
        var run = await context.Database.Runs.GetAsync(_runId);
        if (run is null)
            return;
        _status = FromStorage(run.Status);
        _error = run.Error;
        if (_status.IsTerminal())
            return;

        var settings = JsonSerializer.Deserialize<RunSettings>(run.SettingsJson, MeasurementJson.Options)
            ?? throw new InvalidOperationException($"run {_runId} has no settings");
        var suite = context.Parser.Parse(run.SuiteText, settings.SourceName);
        var rows = await context.Database.Jobs.ListAsync(_runId);
        var jobs = rows.Select(FromRow).ToList();
        var stored = rows.ToDictionary(r => r.JobId, r => (r.Status, r.Attempt));
        Start(suite, jobs, stored, settings.Nodes);
        Record($"run {_runId} resumed: {rows.Count(r => r.Status == JobState.Succeeded)} of {rows.Count} jobs were already done");
    }

    public async Task<RunProgress> GetProgressAsync()
    {
        await ResumeAsync();
        return Progress();
    }

    public async IAsyncEnumerable<RunProgress> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await ResumeAsync();
        RunProgress? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var progress = Progress();
            if (last is null || !SameProgress(last, progress))
            {
                yield return progress;
                last = progress;
            }
            if (progress.Status.IsTerminal())
                yield break;
            await Task.Delay(WatchInterval, cancellationToken);
        }
    }

    public async Task CancelAsync()
    {
        await ResumeAsync();
        if (_status.IsTerminal())
            return;
        await _cancellation.CancelAsync();
        await context.Database.Jobs.CancelRunAsync(_runId);
        foreach (var job in _jobs?.All.Where(j => _jobs.StateOf(j.JobId) is JobState.Pending or JobState.Running) ?? [])
            _jobs!.Set(job.JobId, JobState.Cancelled);
        await SetStatusAsync(RunStatus.Cancelled, "cancelled by request");
    }

    private void Start(SuiteDefinition suite, IReadOnlyList<PlannedJob> jobs, IReadOnlyDictionary<Guid, (JobState, int)>? stored, IReadOnlyList<WorkerNode> nodes)
    {
        _suite = suite;
        _nodes = nodes.ToDictionary(n => n.NodeName, StringComparer.Ordinal);
        _jobs = new RunJobs(jobs, stored);
        _status = RunStatus.Running;
        _keepAlive = this.RegisterGrainTimer(_ => Task.CompletedTask,
            new GrainTimerCreationOptions { DueTime = KeepAlivePeriod, Period = KeepAlivePeriod, KeepAlive = true });
        _dispatch = DispatchAsync();
    }

    private RunProgress Progress() => _jobs is null
        ? new RunProgress(_runId, _status, 0, 0, 0, 0, 0, _events.ToList(), _error)
        : new RunProgress(_runId, _status, _jobs.Total, _jobs.Count(JobState.Pending), _jobs.Count(JobState.Running),
            _jobs.Count(JobState.Succeeded), _jobs.Count(JobState.Failed) + _jobs.Count(JobState.Cancelled), _events.ToList(), _error);

    private static bool SameProgress(RunProgress a, RunProgress b) =>
        a.Status == b.Status && a.PendingJobs == b.PendingJobs && a.RunningJobs == b.RunningJobs
        && a.SucceededJobs == b.SucceededJobs && a.FailedJobs == b.FailedJobs && a.RecentEvents.SequenceEqual(b.RecentEvents);

    private void Record(string message, LogLevel level = LogLevel.Information)
    {
        logger.Log(level, "{Event}", message);
        _events.Enqueue($"{DateTime.UtcNow:HH:mm:ss} {message}");
        while (_events.Count > RecentEventCount)
            _events.Dequeue();
    }

    private async Task SetStatusAsync(RunStatus status, string? error)
    {
        _status = status;
        _error = error;
        await context.Database.Runs.SetStatusAsync(_runId, ToStorage(status), error);
        if (status.IsTerminal())
            _keepAlive?.Dispose();
    }

    private JobRow ToRow(PlannedJob job) => new()
    {
        JobId = job.JobId,
        RunId = _runId,
        PointKey = job.Spec.Point.Id,
        NodeName = job.NodeName,
        Repetition = job.Spec.Repetition,
        SpecJson = job.SpecJson,
        ModelRef = job.ModelSha256 ?? EndpointModelRef,
        Scenario = job.Spec.Scenario.Name,
    };

    private const string EndpointModelRef = "endpoint";

    private static PlannedJob FromRow(JobRow row) => new(
        row.JobId,
        MeasurementJson.Deserialize<JobSpec>(row.SpecJson),
        row.NodeName ?? throw new InvalidOperationException($"job {row.JobId} has no node"),
        row.ModelRef == EndpointModelRef ? null : row.ModelRef);

    private static RunStatus FromStorage(RunState state) => Enum.Parse<RunStatus>(state.ToString());

    private static RunState ToStorage(RunStatus status) => Enum.Parse<RunState>(status.ToString());

    public void Dispose()
    {
        _keepAlive?.Dispose();
        _cancellation.Dispose();
    }

    /// <summary>What a run needs to be resumed besides its suite text: where the suite came from and the nodes it was planned on.</summary>
    private sealed record RunSettings(string SourceName, IReadOnlyList<WorkerNode> Nodes);
}
