using System.Globalization;
using System.Text;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.Matrix;

/// <summary>One point's parameter values; null = not set, the engine's or scenario's default applies.</summary>
public sealed record JobParameters
{
    public int? Threads { get; init; }
    public int? BatchSize { get; init; }
    public int? MicroBatchSize { get; init; }
    public int? GpuLayers { get; init; }
    public KvCacheType? KvType { get; init; }
    public FlashAttentionMode? FlashAttention { get; init; }
    /// <summary>Context depth: tokens already in the KV cache before the timed part (llama-bench -d).</summary>
    public int Depth { get; init; }
    /// <summary>batched: sequences; concurrency: requests in flight.</summary>
    public int? Concurrency { get; init; }
    /// <summary>poisson, gamma: requests per second.</summary>
    public double? Rate { get; init; }

    /// <summary>Stable text form, e.g. "threads=2,depth=512"; only set values (and a non-zero depth) appear, in a fixed order.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        Append(text, "threads", Threads);
        Append(text, "batch", BatchSize);
        Append(text, "ubatch", MicroBatchSize);
        Append(text, "gpu_layers", GpuLayers);
        Append(text, "kv_type", KvType?.ToString().ToLowerInvariant());
        Append(text, "flash_attn", FlashAttention?.ToString().ToLowerInvariant());
        // Like llama-bench's "tg128 @ d512": depth is named only when there is one.
        Append(text, "depth", Depth == 0 ? null : Depth);
        Append(text, "concurrency", Concurrency);
        Append(text, "rate", Rate?.ToString("R", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, object? value)
    {
        if (value is null)
            return;
        if (text.Length > 0)
            text.Append(',');
        text.Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
    }
}
