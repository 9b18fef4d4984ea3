using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.Suite;

/// <summary>
/// Lists of parameter values; the matrix is their cross-product. A null list leaves that parameter at its default
/// and does not multiply the matrix.
/// </summary>
public sealed record ParameterGrid
{
    public IReadOnlyList<int>? Threads { get; init; }
    public IReadOnlyList<int>? BatchSize { get; init; }
    public IReadOnlyList<int>? MicroBatchSize { get; init; }
    public IReadOnlyList<int>? GpuLayers { get; init; }
    public IReadOnlyList<KvCacheType>? KvType { get; init; }
    public IReadOnlyList<FlashAttentionMode>? FlashAttention { get; init; }
    public IReadOnlyList<int>? Depth { get; init; }
    public IReadOnlyList<int>? Concurrency { get; init; }
    public IReadOnlyList<double>? Rate { get; init; }

    public static ParameterGrid Empty { get; } = new();

    /// <summary>This grid with every list that <paramref name="over"/> sets replaced by its list.</summary>
    public ParameterGrid Overlay(ParameterGrid? over) => over is null ? this : new ParameterGrid
    {
        Threads = over.Threads ?? Threads,
        BatchSize = over.BatchSize ?? BatchSize,
        MicroBatchSize = over.MicroBatchSize ?? MicroBatchSize,
        GpuLayers = over.GpuLayers ?? GpuLayers,
        KvType = over.KvType ?? KvType,
        FlashAttention = over.FlashAttention ?? FlashAttention,
        Depth = over.Depth ?? Depth,
        Concurrency = over.Concurrency ?? Concurrency,
        Rate = over.Rate ?? Rate,
    };
}
