using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// Which parameters mean something for a model and scenario. Suite-level lists are skipped where they do not
/// apply (so they do not multiply the matrix with duplicate jobs); scenario-level lists must apply.
/// </summary>
public static class ParameterApplicability
{
    /// <summary>Parameters that configure the in-process engine (meaningless for a remote endpoint).</summary>
    public static IReadOnlyList<string> EngineParameters { get; } = ["threads", "batch", "ubatch", "gpu_layers", "kv_type", "flash_attn"];

    public static bool DepthApplies(ScenarioKind kind) => kind is ScenarioKind.Pp or ScenarioKind.Tg or ScenarioKind.Pg;

    public static bool ConcurrencyApplies(ScenarioKind kind) => kind is ScenarioKind.Batched or ScenarioKind.Concurrency;

    public static bool RateApplies(ScenarioKind kind) => ScenarioKinds.IsOpenLoop(kind);

    /// <summary>Scenario kinds a parameter applies to, for error messages.</summary>
    public static string KindsFor(string parameter) => parameter switch
    {
        "depth" => "pp, tg, pg",
        "concurrency" => "batched, concurrency",
        "rate" => "poisson, gamma",
        _ => "every scenario of an in-process model",
    };

    /// <summary>The grid with the lists that do not apply to this model and scenario removed.</summary>
    public static ParameterGrid Restrict(ParameterGrid grid, ModelSpec model, ScenarioKind kind)
    {
        var engine = model.IsInProcess;
        return new ParameterGrid
        {
            Threads = engine ? grid.Threads : null,
            BatchSize = engine ? grid.BatchSize : null,
            MicroBatchSize = engine ? grid.MicroBatchSize : null,
            GpuLayers = engine ? grid.GpuLayers : null,
            KvType = engine ? grid.KvType : null,
            FlashAttention = engine ? grid.FlashAttention : null,
            Depth = DepthApplies(kind) ? grid.Depth : null,
            Concurrency = ConcurrencyApplies(kind) ? grid.Concurrency : null,
            Rate = RateApplies(kind) ? grid.Rate : null,
        };
    }
}
