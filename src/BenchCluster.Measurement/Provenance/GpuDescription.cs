namespace BenchCluster.Measurement.Provenance;

/// <summary>A GPU as nvidia-smi names it.</summary>
public sealed record GpuDescription(string Name, string Driver, long MemoryBytes);
