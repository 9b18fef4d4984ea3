using System.Text.Json;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Contracts.Runs;
using BenchCluster.Grains.Coordinator.Dispatch;
using BenchCluster.Grains.Placement;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Resilience;
using BenchCluster.Storage.Runs;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// The coordinator of one run (key: run id): validates and persists a submitted suite, holds the run's lease in
/// Postgres, and hands the jobs to a <see cref="RunDispatcher"/> and finished points to a <see cref="PointAggregator"/>.
/// Postgres holds the truth, so a restarted coordinator (or this one, after an outage outlasted its retries) resumes
/// the run without redoing finished jobs. Reentrant: it awaits long jobs while answering progress calls.
/// </summary>
[CoordinatorPlacement]
[Reentrant]
public sealed class SuiteGrain(CoordinatorContext context, ILogger<SuiteGrain> logger) : Grain, ISuiteGrain, IDispatchObserver, IDisposable
{
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    private readonly RunEvents _events = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Guid _owner = Guid.NewGuid();
    private Guid _runId;
    private PostgresRetry _retry = PostgresRetry.None;
    private RunStatus _status = RunStatus.Pending;
    private string? _error;
    private RunJobs? _jobs;
    private RunDispatcher? _dispatcher;
    private PointAggregator? _aggregator;
    private Task? _resuming;
    private bool _submitting;
    private bool _waitingForLease;
    private RunLeaseKeeper? _lease;
    private IGrainTimer? _keepAlive;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _runId = this.GetPrimaryKey();
        _retry = new PostgresRetry(context.Retry, attempt => logger.LogWarning(
            "run {RunId}: Postgres call failed ({Error}), try {Try}; trying again in {Delay:0.0} s",
            _runId, TransientPostgresError.Describe(attempt.Error), attempt.FailedTry, attempt.Delay.TotalSeconds));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Stop dispatching from this activation; the next one (RunResumer) continues from Postgres.
        if (_dispatcher is not null)
            logger.LogWarning("run {RunId}: coordinator grain deactivated while dispatching ({Reason})", _runId, reason);
        await _cancellation.CancelAsync();
        if (_lease is not null)
            await _lease.ReleaseAsync(cancellationToken);
    }

    public async Task<SubmitResult> SubmitAsync(SuiteSubmission submission)
    {
        if (_submitting || _jobs is not null)
            return SubmitResult.Rejected(_runId, [$"run {_runId} exists already; submit with a new run id"]);
        // The run row appears before its dispatch starts: RunResumer's ResumeAsync must not start one meanwhile.
        _submitting = true;
        try
        {
            return await SubmitOnceAsync(submission);
        }
        finally
        {
            _submitting = false;
        }
    }

    public async Task<RunPlanOutline> PlanAsync(SuiteSubmission submission)
    {
        if (_submitting || _jobs is not null)
            return new RunPlanOutline([], [], [$"run {_runId} exists already; plan with a new run id"]);
        // Planning only: this activation holds no run, so it goes once the call is answered.
        DeactivateOnIdle();
        SuiteDefinition suite;
        try
        {
            suite = context.Parser.Parse(submission.SuiteText, submission.SourceName);
        }
        catch (SuiteValidationException e)
        {
            return new RunPlanOutline([], [], e.Errors.Select(error => $"{submission.SourceName}:{error}").ToList());
        }
        var workers = await GrainFactory.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();
        return RunOutliner.Outline(suite, workers, context.MaxJobs);
    }

    private async Task<SubmitResult> SubmitOnceAsync(SuiteSubmission submission)
    {
        if (await context.Database.Runs.GetAsync(_runId) is not null)
            return SubmitResult.Rejected(_runId, [$"run {_runId} exists already; submit with a new run id"]);

        var tagErrors = RunTags.Errors(submission.Tags);
        if (tagErrors.Count > 0)
            return SubmitResult.Rejected(_runId, tagErrors);

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
            Tags = RunTags.Distinct(submission.Tags),
            SettingsJson = JsonSerializer.Serialize(new RunSettings(submission.SourceName, workers), MeasurementJson.Options),
        });
        await context.Database.Jobs.InsertAsync(plan.Jobs.Select(job => JobRowMapping.ToRow(_runId, job)).ToList());
        await context.Database.Runs.SetStatusAsync(_runId, RunState.Running);
        var epoch = await context.Database.RunLeases.TakeAsync(_runId, _owner, context.RunLease)
            ?? throw new InvalidOperationException($"run {_runId} was taken by another coordinator while it was being submitted");
        Start(suite, plan.Jobs, stored: null, workers, epoch);
        Record($"run {_runId}: {plan.Jobs.Count} jobs on {plan.Jobs.Select(j => j.NodeName).Distinct().Count()} node(s)");
        foreach (var skip in plan.Skipped)
            Record($"run {_runId}: skipped {skip.Model} on {skip.NodeName}: {skip.Reason}");
        return new SubmitResult(_runId, true, plan.Jobs.Count, []);
    }

    /// <summary>Resumes the run from Postgres unless this activation dispatches it already; concurrent calls share one try.</summary>
    public Task ResumeAsync()
    {
        if (_resuming is { IsCompleted: false })
            return _resuming;
        _resuming = ResumeOnceAsync();
        return _resuming;
    }

    private async Task ResumeOnceAsync()
    {
        if (_dispatcher is not null || _submitting)
            return;
        var run = await _retry.ExecuteAsync(token => context.Database.Runs.GetAsync(_runId, token));
        if (run is null)
            return;
        _status = Enum.Parse<RunStatus>(run.Status.ToString());
        _error = run.Error;
        if (_status.IsTerminal() || _dispatcher is not null || _submitting)
            return;
        var epoch = await _retry.ExecuteAsync(token => context.Database.RunLeases.TakeAsync(_runId, _owner, context.RunLease, token));
        if (epoch is null)
        {
            if (!_waitingForLease)
                Record($"run {_runId} is held by another coordinator; taking it over once its lease ({context.RunLease.TotalSeconds:0} s) runs out");
            _waitingForLease = true;
            return;
        }
        _waitingForLease = false;

        var settings = JsonSerializer.Deserialize<RunSettings>(run.SettingsJson, MeasurementJson.Options)
            ?? throw new InvalidOperationException($"run {_runId} has no settings");
        var suite = context.Parser.Parse(run.SuiteText, settings.SourceName);
        var rows = await _retry.ExecuteAsync(token => context.Database.Jobs.ListAsync(_runId, token));
        var stored = rows.ToDictionary(r => r.JobId, r => (r.Status, r.Attempt));
        if (_dispatcher is not null || _submitting)
            return;
        Start(suite, rows.Select(JobRowMapping.FromRow).ToList(), stored, settings.Nodes, epoch.Value);
        Record($"run {_runId} resumed: {rows.Count(r => r.Status == JobState.Succeeded)} of {rows.Count} jobs were already done");
    }

    public async Task<RunProgress> GetProgressAsync()
    {
        await TryResumeAsync();
        return Progress();
    }

    public async IAsyncEnumerable<RunProgress> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await TryResumeAsync();
        await foreach (var progress in RunEvents.WatchAsync(Progress, cancellationToken))
            yield return progress;
    }

    /// <summary>Progress calls must not fail while Postgres is away: they then answer from memory, and the run resumes later.</summary>
    private async Task TryResumeAsync()
    {
        try
        {
            await ResumeAsync();
        }
        catch (Exception e) when (TransientPostgresError.Is(e))
        {
            Record($"Postgres is unreachable ({TransientPostgresError.Describe(e)}); progress may be behind until it answers", LogLevel.Warning);
        }
    }

    public async Task CancelAsync()
    {
        await ResumeAsync();
        if (_status.IsTerminal())
            return;
        await _cancellation.CancelAsync();
        await context.Database.Jobs.CancelRunAsync(_runId);
        foreach (var job in _jobs?.All.Where(j => !RunJobs.IsFinal(_jobs.StateOf(j.JobId))) ?? [])
            _jobs!.Set(job.JobId, JobState.Cancelled);
        await SetStatusAsync(RunStatus.Cancelled, "cancelled by request", epoch: null);
    }

    void IDispatchObserver.Record(string message, LogLevel level) => Record(message, level);

    Task IDispatchObserver.PointFinishedAsync((string PointId, string NodeName) key, CancellationToken cancellationToken) =>
        _aggregator?.AggregateIfFinishedAsync(key, message => Record(message), cancellationToken) ?? Task.CompletedTask;

    private void Start(SuiteDefinition suite, IReadOnlyList<PlannedJob> jobs, IReadOnlyDictionary<Guid, (JobState, int)>? stored, IReadOnlyList<WorkerNode> nodes, int epoch)
    {
        var planned = nodes.ToDictionary(n => n.NodeName, StringComparer.Ordinal);
        _jobs = new RunJobs(jobs, stored);
        _aggregator = new PointAggregator(_runId, suite, planned, _jobs, context.Database, _retry);
        var store = new PostgresRunJobStore(context.Database, context.Claims, _runId, epoch);
        var settings = new DispatchSettings { MaxAttempts = context.MaxAttempts, JobsPerNode = context.JobsPerNode, StorageRetry = _retry };
        var gateway = new GrainWorkerGateway(GrainFactory);
        var matrix = new Lazy<MatrixPlan>(() => MatrixExpander.Expand(suite));
        var joins = new JoinedNodes(planned, node => RunPlanner.PlanJoined(_runId, suite, matrix.Value, node), gateway);
        _dispatcher = new RunDispatcher(_runId, _jobs, store, gateway, this, settings, new NodeRelocation(suite.Nodes, planned), joins);
        _status = RunStatus.Running;
        _keepAlive ??= this.RegisterGrainTimer(_ => Task.CompletedTask,
            new GrainTimerCreationOptions { DueTime = KeepAlivePeriod, Period = KeepAlivePeriod, KeepAlive = true });
        var dispatch = CancellationTokenSource.CreateLinkedTokenSource(_cancellation.Token);
        _lease?.Dispose();
        _lease = new RunLeaseKeeper(this, context.Database.RunLeases, _runId, epoch, context.RunLease, dispatch, logger);
        _ = DispatchAsync(_dispatcher, _aggregator, epoch, dispatch);
    }

    /// <summary>Dispatches until no job is left, then finishes the run, saying which points (if any) have no result and why.</summary>
    private async Task DispatchAsync(RunDispatcher dispatcher, PointAggregator aggregator, int epoch, CancellationTokenSource dispatch)
    {
        try
        {
            await aggregator.AggregateFinishedAsync(message => Record(message), dispatch.Token);
            var end = await dispatcher.RunAsync(dispatch.Token);
            if (end != DispatchEnd.Finished)
            {
                Pause(dispatcher, end == DispatchEnd.OwnershipLost || !_cancellation.IsCancellationRequested ? "another coordinator holds the run" : null);
                return;
            }
            await aggregator.AggregateFinishedAsync(message => Record(message), dispatch.Token);
            var jobs = dispatcher.Jobs;
            var summary = RunSummary.Describe(_runId, jobs, dispatcher.MissingPoints());
            await SetStatusAsync(RunStatus.Completed, summary.Error, epoch);
            Record(summary.Line);
        }
        catch (Exception) when (dispatch.IsCancellationRequested)
        {
            // Cancelled mid-call: the run was cancelled, the activation is going away, or the lease was lost.
            Pause(dispatcher, _cancellation.IsCancellationRequested ? null : "another coordinator holds the run");
        }
        catch (Exception e) when (TransientPostgresError.Is(e))
        {
            Pause(dispatcher, $"Postgres stayed unreachable through every retry ({TransientPostgresError.Describe(e)}); the run resumes from Postgres once it answers");
        }
        catch (Exception e)
        {
            logger.LogError(e, "run {RunId} failed in the coordinator", _runId);
            try
            {
                await SetStatusAsync(RunStatus.Failed, $"coordinator error: {e.Message}", epoch);
            }
            catch (Exception stored) when (TransientPostgresError.Is(stored))
            {
                Pause(dispatcher, $"the failure could not be recorded ({TransientPostgresError.Describe(stored)}); the run is resumed from Postgres later");
            }
        }
    }

    /// <summary>Stops dispatching from this activation without ending the run: the next <see cref="ResumeAsync"/> (RunResumer calls it periodically) continues from Postgres.</summary>
    private void Pause(RunDispatcher dispatcher, string? why)
    {
        if (_dispatcher != dispatcher)
            return;
        _dispatcher = null;
        _lease?.Dispose();
        _lease = null;
        if (why is not null)
            Record($"run {_runId}: dispatch paused: {why}", LogLevel.Warning);
    }

    /// <summary>The lease keeper found the run taken over: this activation stops dispatching at once.</summary>
    internal void OnLeaseLost() => Record($"run {_runId}: its lease was taken by another coordinator; stopping dispatch here", LogLevel.Warning);

    private RunProgress Progress() => _jobs is null
        ? new RunProgress(_runId, _status, 0, 0, 0, 0, 0, _events.Recent, _error)
        : new RunProgress(_runId, _status, _jobs.Total, _jobs.Count(JobState.Pending), _jobs.Count(JobState.Running),
            _jobs.Count(JobState.Succeeded), _jobs.Count(JobState.Failed) + _jobs.Count(JobState.Cancelled), _events.Recent, _error);

    private void Record(string message, LogLevel level = LogLevel.Information)
    {
        logger.Log(level, "{Event}", message);
        _events.Add(message);
    }

    private async Task SetStatusAsync(RunStatus status, string? error, int? epoch)
    {
        var stored = await _retry.ExecuteAsync(token => context.Database.Runs.SetStatusAsync(_runId, Enum.Parse<RunState>(status.ToString()), error, epoch, token));
        if (!stored && epoch is not null)
        {
            Record($"run {_runId}: not marked {status.ToString().ToLowerInvariant()}: another coordinator holds it now", LogLevel.Warning);
            return;
        }
        _status = status;
        _error = error;
        if (status.IsTerminal())
        {
            _keepAlive?.Dispose();
            _lease?.Dispose();
        }
    }

    public void Dispose()
    {
        _keepAlive?.Dispose();
        _lease?.Dispose();
        _cancellation.Dispose();
    }

    /// <summary>What a run needs to be resumed besides its suite text: where the suite came from and the nodes it was planned on.</summary>
    private sealed record RunSettings(string SourceName, IReadOnlyList<WorkerNode> Nodes);
}
