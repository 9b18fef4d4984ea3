using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Provenance;

/// <summary>
/// Where a number came from: BenchCluster build, machine, model file, engine build, backend and every setting.
/// Stored with every job so results from different machines, engines and versions are never silently mixed.
/// </summary>
public sealed record RunProvenance
{
    public required string BenchClusterVersion { get; init; }
    public string? BenchClusterCommit { get; init; }
    public string? NodeName { get; init; }
    public required MachineDescription Machine { get; init; }
    /// <summary>Model file identity and GGUF metadata (SHA-256, quantization, synthetic flag); null for remote endpoints.</summary>
    public ModelInfo? Model { get; init; }
    /// <summary>Native library version, build flags, selected CPU variant and devices; null for remote endpoints.</summary>
    public EngineBuildInfo? Engine { get; init; }
    public CompletionBackendInfo? Backend { get; init; }
    /// <summary>The session settings actually used (threads, batch sizes, KV type, flash attention, n_ctx).</summary>
    public SessionOptions? Session { get; init; }
    /// <summary>Dataset and trace files the job read, with their SHA-256; null when its prompts were the bundled set.</summary>
    public IReadOnlyList<WorkloadInputFile>? WorkloadInputs { get; init; }
    public required JobParameters Parameters { get; init; }
    public required string Scenario { get; init; }
    public required int Seed { get; init; }
    public required DateTimeOffset StartedUtc { get; init; }
    /// <summary>What else the node did while this job was measured; null where /proc cannot be read.</summary>
    public MeasuredWindowActivity? Activity { get; init; }
}
