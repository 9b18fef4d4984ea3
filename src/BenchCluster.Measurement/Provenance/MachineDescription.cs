namespace BenchCluster.Measurement.Provenance;

/// <summary>The machine a job ran on: CPU model and instruction-set flags, cores, OS, GPUs.</summary>
public sealed record MachineDescription
{
    public required string HostName { get; init; }
    public required string CpuModel { get; init; }
    /// <summary>The "flags" line of /proc/cpuinfo (avx2, avx512f, ...): what the engine's CPU variant could use.</summary>
    public required string CpuFlags { get; init; }
    public required int LogicalCores { get; init; }
    public required string OperatingSystem { get; init; }
    public required string Runtime { get; init; }
    public IReadOnlyList<GpuDescription> Gpus { get; init; } = [];
}
