namespace BenchCluster.Engine.Inference;

/// <summary>Settings of one llama.cpp context; names follow llama-bench's flags.</summary>
public sealed record SessionOptions
{
    /// <summary>n_ctx: total KV cells shared by all sequences.</summary>
    public int ContextSize { get; init; } = 4096;
    /// <summary>n_batch: logical batch, the most tokens one decode call accepts.</summary>
    public int BatchSize { get; init; } = 2048;
    /// <summary>n_ubatch: physical batch, the most tokens one graph evaluation processes.</summary>
    public int MicroBatchSize { get; init; } = 512;
    /// <summary>Threads for generation; default: the machine's core count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Threads for prompt processing; null = same as <see cref="Threads"/> (llama-bench does the same).</summary>
    public int? BatchThreads { get; init; }
    public FlashAttentionMode FlashAttention { get; init; } = FlashAttentionMode.Auto;
    public KvCacheType KvCacheType { get; init; } = KvCacheType.F16;
    /// <summary>n_seq_max: parallel sequences the context holds.</summary>
    public int MaxSequences { get; init; } = 1;
    /// <summary>
    /// n_outputs_max: most logits rows one decode returns, which sizes the output buffers llama.cpp reserves; null = its
    /// default, n_batch. llama-server sets its slot count (one row per slot and step); so does the continuous batcher.
    /// </summary>
    public int? MaxOutputs { get; init; }
    /// <summary>
    /// How busily the session's ggml worker threads wait for the next graph, 0 (sleep) to 100 (spin); llama-bench --poll,
    /// default 50. The workers live as long as the session instead of being started for every decode.
    /// </summary>
    public int Poll { get; init; } = 50;
    /// <summary>
    /// True (llama-bench, llama-server): the session keeps its ggml worker threads between decodes. False: ggml starts
    /// and joins its workers for every graph, as llama-batched-bench does (it attaches no threadpool); only for
    /// reproducing that tool's numbers.
    /// </summary>
    public bool PersistentThreadpool { get; init; } = true;
}

public enum FlashAttentionMode { Auto, Disabled, Enabled }

/// <summary>Element type of the K and V caches (llama-bench -ctk/-ctv).</summary>
public enum KvCacheType { F16, F32, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1 }
