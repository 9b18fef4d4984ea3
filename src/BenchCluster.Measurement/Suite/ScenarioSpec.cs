using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

/// <summary>One scenario of a suite with its settings; fields that do not apply to its kind keep their defaults.</summary>
public sealed record ScenarioSpec
{
    /// <summary>llama-bench's default prompt length (pp512).</summary>
    public const int DefaultMicroPromptTokens = 512;
    /// <summary>llama-bench's default generation length (tg128).</summary>
    public const int DefaultMicroOutputTokens = 128;
    public const int DefaultRequests = 100;
    public const int DefaultSweepPoints = 10;
    public const int DefaultSearchSteps = 6;

    public required string Name { get; init; }
    public required ScenarioKind Kind { get; init; }
    /// <summary>pp, pg, batched: prompt tokens per run (per sequence for batched).</summary>
    public int PromptTokens { get; init; } = DefaultMicroPromptTokens;
    /// <summary>tg, pg, batched: generated tokens per run (per sequence for batched).</summary>
    public int OutputTokens { get; init; } = DefaultMicroOutputTokens;
    /// <summary>
    /// pp, tg, pg: measured runs per repetition, back to back in one job after its warm-up (llama-bench's -r inside
    /// one process); the repetition's value is their mean. Null means one, and keeps the point key of suites that
    /// do not set it.
    /// </summary>
    public int? Runs { get; init; }
    /// <summary>Measured runs per repetition: <see cref="Runs"/>, or one.</summary>
    [JsonIgnore]
    public int MeasuredRuns => Runs ?? 1;
    /// <summary>Request-level scenarios: measured requests per repetition (per stage for sweep and slo-search).</summary>
    public int Requests { get; init; } = DefaultRequests;
    /// <summary>Request-level scenarios: the requests' length distributions.</summary>
    public WorkloadSpec Workload { get; init; } = WorkloadSpec.Default;
    /// <summary>gamma: shape of the inter-arrival distribution; &lt; 1 burstier than Poisson, &gt; 1 more regular.</summary>
    public double Burstiness { get; init; } = 1;
    /// <summary>sweep, slo-search: arrivals of the rate stages; null = constant for sweep (GuideLLM), poisson for slo-search (vLLM).</summary>
    public ArrivalKind? Arrivals { get; init; }
    /// <summary>sweep: total stages (synchronous + throughput + interpolated rates).</summary>
    public int SweepPoints { get; init; } = DefaultSweepPoints;
    /// <summary>slo-search: bisection steps after the throughput probe.</summary>
    public int SearchSteps { get; init; } = DefaultSearchSteps;
    /// <summary>sweep, slo-search: requests in flight in the throughput stage; null = the backend's slots, else 32.</summary>
    public int? MaxConcurrency { get; init; }
    /// <summary>quality: the corpus, context, reference model and task file.</summary>
    public QualitySpec Quality { get; init; } = QualitySpec.Default;
    /// <summary>trace: the CSV trace to replay; null for every other kind.</summary>
    public TraceSpec? Trace { get; init; }
    /// <summary>Request-level scenarios against an endpoint: how many workers drive it together; null = one (keeps older point keys).</summary>
    public FleetLoadSpec? Fleet { get; init; }
    /// <summary>Parameter lists for this scenario only; they replace the suite's lists of the same name.</summary>
    public ParameterGrid? Parameters { get; init; }
}
