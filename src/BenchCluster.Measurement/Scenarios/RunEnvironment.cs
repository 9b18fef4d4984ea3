using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Cost;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>What a worker knows about where jobs run: recorded in provenance and used to read power.</summary>
public sealed record RunEnvironment
{
    public string? NodeName { get; init; }
    /// <summary>The engine build that serves in-process jobs (IInferenceBackend.Build).</summary>
    public EngineBuildInfo? EngineBuild { get; init; }
    /// <summary>The loaded model, for request-level in-process jobs (an ICompletionBackend does not expose it).</summary>
    public ModelInfo? Model { get; init; }
    /// <summary>Power meter over the measured part; null = do not measure (see PowerMeters.Detect).</summary>
    public IPowerMeter? PowerMeter { get; init; }
    /// <summary>The folder dataset and trace files are read under; null = Workloads.Inputs.WorkloadDataFolder.Root.</summary>
    public string? WorkloadDataFolder { get; init; }

    public static RunEnvironment Default { get; } = new();
}
