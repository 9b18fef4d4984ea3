using BenchCluster.Engine.Timing;
using BenchCluster.Engine.Completions;
using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios.Conversations;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Timing;
using BenchCluster.Measurement.Workloads;
using BenchCluster.Measurement.Workloads.Conversations;
using BenchCluster.Measurement.Workloads.Datasets;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>What every request-level scenario shares: the job, the backend, prompts, warm-up and stage runs.</summary>
internal sealed class RequestContext(
    JobSpec job, ICompletionBackend backend, PromptFactory prompts, RequestInputs inputs, MeasurementRecorder recorder,
    IPromptTokenizer? tokenizer = null, IFleetRendezvous? rendezvous = null, string? driver = null)
{
    public JobSpec Job => job;

    public ICompletionBackend Backend => backend;

    /// <summary>A fleet driver's start against the common one, once it started; null for single-driver jobs.</summary>
    public FleetDriverStart? FleetStart { get; private set; }

    /// <summary>
    /// A fleet driver meets the others and waits for the common start; returns its instant on this node's monotonic
    /// clock. Null for a single-driver job, which starts at once.
    /// </summary>
    public async Task<long?> FleetStartAsync(CancellationToken cancellationToken)
    {
        if (job.Fleet is null)
            return null;
        if (rendezvous is null)
            throw new InvalidOperationException($"job {job.Point.Label} is fleet driver {job.Fleet.Index} but this node has no way to meet the other drivers; run it in a cluster");
        FleetStart = await FleetStartClock.WaitForStartAsync(rendezvous, job, driver ?? $"driver-{job.Fleet.Index}", cancellationToken);
        return FleetStart.OriginNs;
    }

    /// <summary>Requests in flight for throughput stages: the scenario's max_concurrency, else the backend's slots, else 32.</summary>
    public int ThroughputConcurrency => job.Scenario.MaxConcurrency ?? backend.Info.MaxConcurrency ?? EngineSettings.DefaultServingSlots;

    public PromptFactory Prompts => prompts;

    public RequestInputs Inputs => inputs;

    public bool UseChat => job.Model.Endpoint?.Chat ?? false;

    /// <summary>How the requests of a run with <paramref name="seed"/> choose their tokens (workload.sampling, else greedy).</summary>
    public RequestSampling Sampling(int seed) => new(job.Scenario.Workload.Sampling, seed);

    /// <summary>The dataset's prompts where the workload names one, else the bundled set cut to the workload's lengths.</summary>
    public IRequestSource Source(int seed) => inputs.Dataset is { } dataset
        ? new DatasetRequestSource(dataset, job.Scenario.Workload, seed, UseChat)
        : new RequestSource(job.Scenario.Workload, seed, prompts, UseChat);

    /// <summary>Multi-turn and shared-prefix workloads run as conversations (<see cref="ConversationDriver"/>); null for the others.</summary>
    private ConversationDriver? Conversations(int seed) =>
        job.Scenario.Workload is { Conversation: null, SharedPrefix: null } ? null
            : new ConversationDriver(backend, new ConversationSource(job.Scenario.Workload, seed, prompts, inputs.Conversations), tokenizer, job.Model.Endpoint?.Chat ?? false, Sampling(seed));

    /// <summary>Warm-up: <c>warmup</c> rounds of one request per slot, so every slot has served before measuring (vllm-omni#6356).</summary>
    public async Task WarmUpAsync(int slots, CancellationToken cancellationToken)
    {
        if (job.Warmup <= 0)
            return;
        var plan = new ClosedLoopPlan(job.Warmup * slots, slots, recorder.NextSeq, 0, StageKind.Steady, IsWarmup: true);
        var seed = SeedDerivation.ForWarmup(job.Seed);
        recorder.Add(Conversations(seed) is { } conversations
            ? await conversations.ClosedLoopAsync(plan, cancellationToken)
            : await ClosedLoopDriver.RunAsync(backend, Source(seed), plan, cancellationToken));
    }

    public async Task<StageRun> ClosedLoopAsync(int stage, StageKind kind, int concurrency, int seed, CancellationToken cancellationToken, long? startNs = null)
    {
        var requests = FleetSplit.Requests(job.Scenario.Requests, job.Fleet);
        var plan = new ClosedLoopPlan(requests, concurrency, recorder.NextSeq, stage, kind, IsWarmup: false, job.Validity.MinDurationSeconds) { StartNs = startNs };
        var run = Conversations(seed) is { } conversations
            ? await conversations.ClosedLoopAsync(plan, cancellationToken)
            : await ClosedLoopDriver.RunAsync(backend, Source(seed), plan, cancellationToken);
        recorder.Add(run);
        return run;
    }

    /// <summary>
    /// An open-loop stage; it sends enough requests to last min_duration_s at the rate. A fleet driver draws the point's
    /// whole schedule from the seed all its drivers share and sends every N-th arrival of it (<see cref="ArrivalSchedule.Share"/>)
    /// from <paramref name="originNs"/>, the common start on this node's clock, so the drivers together send exactly
    /// the requested process.
    /// </summary>
    public async Task<StageRun> OpenLoopAsync(
        int stage, ArrivalKind arrivals, double rate, double burstiness, int seed, CancellationToken cancellationToken, long? originNs = null)
    {
        var total = Math.Max(job.Scenario.Requests, (int)Math.Ceiling(rate * job.Validity.MinDurationSeconds));
        double? shape = arrivals switch { ArrivalKind.Gamma => burstiness, ArrivalKind.Poisson => 1, _ => null };
        var plan = new OpenLoopPlan(recorder.NextSeq, stage, stage == 0 ? StageKind.Steady : StageKind.Rate, shape) { OriginNs = originNs };
        StageRun run;
        if (Conversations(seed) is { } conversations)
        {
            // Conversations are refused with fleet (they would not wait for the common start): one driver, the whole rate.
            var starts = ArrivalSchedule.Create(arrivals, conversations.ConversationRate(rate), burstiness, conversations.ConversationsFor(total), seed);
            run = await conversations.OpenLoopAsync(starts, rate, plan, cancellationToken);
        }
        else
        {
            var share = job.Fleet;
            var schedule = ArrivalSchedule.Create(arrivals, rate, burstiness, total, share?.ScheduleSeed ?? seed);
            var source = Source(seed);
            var mine = Enumerable.Range(0, total).Where(i => share is null || i % share.Drivers == share.Index).Select(source.Get).ToList();
            run = await OpenLoopDriver.RunAsync(backend, mine, share is null ? schedule : schedule.Share(share.Index, share.Drivers), plan, cancellationToken);
        }
        recorder.Add(run);
        return run;
    }

    /// <summary>Completed requests per second of a stage (its requests over its wall time).</summary>
    public static double Throughput(StageRun run)
    {
        var seconds = TimeUnits.ToSeconds(run.Stage.EndNs - run.Stage.StartNs);
        return seconds > 0 ? run.Samples.Count(s => s.Succeeded) / seconds : 0;
    }
}
