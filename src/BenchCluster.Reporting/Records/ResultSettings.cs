namespace BenchCluster.Reporting.Records;

/// <summary>Every setting of a matrix point; null = not set (the engine's or scenario's default applied).</summary>
public sealed record ResultSettings
{
    public int? Threads { get; init; }
    public int? BatchSize { get; init; }
    public int? MicroBatchSize { get; init; }
    public int? GpuLayers { get; init; }
    public string? KvType { get; init; }
    public string? FlashAttention { get; init; }
    public int Depth { get; init; }
    public int? Concurrency { get; init; }
    public double? Rate { get; init; }
}
