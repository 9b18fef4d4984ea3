using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Benchmarking;

/// <summary>Settings of an engine benchmark; defaults are llama-bench's (-b 2048 -ub 512 -fa auto -ctk f16 --poll 50 -r 5).</summary>
public sealed record EngineBenchmarkOptions
{
    public required string ModelPath { get; init; }
    public IReadOnlyList<EngineBenchmarkTest> Tests { get; init; } = EngineBenchmarkTest.Defaults;
    public int Threads { get; init; } = Environment.ProcessorCount;
    public int Repetitions { get; init; } = 5;
    /// <summary>llama-bench warms up with one prompt run and one generated token; a batched test warms up with one full run.</summary>
    public bool Warmup { get; init; } = true;
    public int BatchSize { get; init; } = 2048;
    public int MicroBatchSize { get; init; } = 512;
    public FlashAttentionMode FlashAttention { get; init; } = FlashAttentionMode.Auto;
    /// <summary>llama-bench's flash_attn field: the integer of llama.cpp's enum (-1 auto, 0 off, 1 on).</summary>
    public int FlashAttentionCode => (int)SessionDecoder.ToNative(FlashAttention);
    public KvCacheType KvCacheType { get; init; } = KvCacheType.F16;
    public int Poll { get; init; } = 50;
    /// <summary>False reproduces llama-batched-bench, which lets ggml start its workers for every decode.</summary>
    public bool PersistentThreadpool { get; init; } = true;
    public int GpuLayers { get; init; }
    public bool UseMmap { get; init; } = true;
    /// <summary>Seed of the random prompt and generation tokens (llama-bench feeds random tokens too).</summary>
    public int Seed { get; init; } = 1234;
}
