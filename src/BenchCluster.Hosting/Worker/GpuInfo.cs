namespace BenchCluster.Hosting.Worker;

public sealed record GpuInfo(string Name, long MemoryBytes, string Driver);
