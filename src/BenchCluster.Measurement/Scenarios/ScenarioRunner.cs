using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Provenance;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// Runs one job: its warm-up (stored, flagged) and its measured part, returning raw samples only. Micro scenarios
/// (pp, tg, pg, batched) drive an in-process <see cref="IInferenceSession"/>; request-level scenarios (concurrency,
/// poisson, gamma, sweep, slo-search, trace) drive an <see cref="ICompletionBackend"/>, in-process or remote. A failure of
/// the engine or backend ends the job with <see cref="JobMeasurement.Error"/> set and the samples taken so far;
/// only cancellation throws.
/// </summary>
public sealed class ScenarioRunner(RunEnvironment environment)
{
    public ScenarioRunner()
        : this(RunEnvironment.Default)
    {
    }

    /// <summary>Runs a pp / tg / pg / batched job on a session configured with <see cref="EngineSettings.SessionOptions"/>.</summary>
    public async Task<JobMeasurement> RunAsync(JobSpec job, IInferenceSession session, CancellationToken cancellationToken = default)
    {
        if (!ScenarioKinds.IsMicro(job.Scenario.Kind))
            throw new ArgumentException($"Scenario {job.Scenario.Name} ({ScenarioKinds.Name(job.Scenario.Kind)}) is request-level: run it on an ICompletionBackend.", nameof(job));
        var recorder = new MeasurementRecorder(job, job.MeasurePower ? environment.PowerMeter : null);
        var provenance = ProvenanceCollector.Collect(job, environment.NodeName, session.Model, environment.EngineBuild, session: session.Options);
        string? error = null;
        try
        {
            if (job.Scenario.Kind == ScenarioKind.Batched)
                await BatchedScenario.RunAsync(job, session, recorder, cancellationToken);
            else
                await MicroScenario.RunAsync(job, session, recorder, cancellationToken);
            error = recorder.Samples.FirstOrDefault(s => s.Error is not null)?.Error;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        return recorder.Build(provenance, error);
    }

    /// <summary>
    /// Runs a quality job on <paramref name="model"/> (a session with n_ctx = the spec's ContextTokens). The measured
    /// part is the scoring of the model's windows; the reference's log-probabilities, when computed, come before it.
    /// Bad input ends the job with its error, before any compute.
    /// </summary>
    public async Task<JobMeasurement> RunAsync(JobSpec job, IQualityModel model, QualityInputs inputs, SessionOptions? session, CancellationToken cancellationToken = default)
    {
        if (!ScenarioKinds.IsQuality(job.Scenario.Kind))
            throw new ArgumentException($"Scenario {job.Scenario.Name} ({ScenarioKinds.Name(job.Scenario.Kind)}) is not a quality scenario.", nameof(job));
        var recorder = new MeasurementRecorder(job, job.MeasurePower ? environment.PowerMeter : null);
        var provenance = ProvenanceCollector.Collect(job, environment.NodeName, environment.Model, environment.EngineBuild, session: session);
        string? error = null;
        QualityMeasurement? quality = null;
        try
        {
            // One Prompt sample per window (its n_ctx tokens decoded with logits and scored): the job's raw timing.
            quality = await QualityScenario.RunAsync(model, inputs, recorder.BeginMeasured, cancellationToken, (window, startNs, endNs) =>
                recorder.Add(new Sample
                {
                    Seq = window, Kind = SampleKind.Prompt, SentNs = startNs, PromptEndNs = endNs, EndNs = endNs, PromptTokens = inputs.Spec.ContextTokens,
                }));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        return recorder.Build(provenance, error) with { Quality = quality };
    }

    /// <summary>
    /// Runs a request-level job. Give a <paramref name="tokenizer"/> for in-process backends so prompts are exact
    /// token windows; without one prompts are text of an estimated length and the server's usage counts rule.
    /// </summary>
    public async Task<JobMeasurement> RunAsync(JobSpec job, ICompletionBackend backend, IPromptTokenizer? tokenizer = null, CancellationToken cancellationToken = default)
    {
        if (ScenarioKinds.IsMicro(job.Scenario.Kind))
            throw new ArgumentException($"Scenario {job.Scenario.Name} ({ScenarioKinds.Name(job.Scenario.Kind)}) drives the engine directly: run it on an IInferenceSession.", nameof(job));
        var recorder = new MeasurementRecorder(job, job.MeasurePower ? environment.PowerMeter : null);
        var provenance = ProvenanceCollector.Collect(job, environment.NodeName, environment.Model, environment.EngineBuild, backend.Info);
        string? error = null;
        RequestContext? context = null;
        try
        {
            var prompts = tokenizer is null ? PromptFactory.ForText() : await PromptFactory.ForTokensAsync(tokenizer, cancellationToken);
            var bounds = tokenizer is null ? null : PromptBounds.For(job.Scenario.Workload, environment.Model?.ContextLength);
            var inputs = await RequestInputs.LoadAsync(job, tokenizer, bounds, environment.WorkloadDataFolder, cancellationToken);
            if (inputs.Files.Count > 0)
                provenance = provenance with { WorkloadInputs = inputs.Files };
            context = new RequestContext(job, backend, prompts, inputs, recorder, tokenizer, environment.Fleet, environment.NodeName);
            var run = job.Scenario.Kind switch
            {
                ScenarioKind.Trace => TraceScenario.RunAsync(context, recorder, cancellationToken),
                ScenarioKind.Sweep => SweepScenario.RunAsync(context, recorder, cancellationToken),
                ScenarioKind.SloSearch => SloSearchScenario.RunAsync(context, recorder, cancellationToken),
                _ => RequestScenario.RunAsync(context, recorder, cancellationToken),
            };
            await run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        return FleetDriverRecord.Stamp(recorder.Build(provenance, error), job, environment.NodeName, context?.FleetStart);
    }
}
