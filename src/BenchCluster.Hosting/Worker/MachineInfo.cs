namespace BenchCluster.Hosting.Worker;

/// <summary>What a machine has, as detected by <see cref="MachineProbe"/>.</summary>
public sealed record MachineInfo(string CpuModel, int Cores, long RamBytes, IReadOnlyList<GpuInfo> Gpus)
{
    public long VramBytes => Gpus.Sum(g => g.MemoryBytes);
}
