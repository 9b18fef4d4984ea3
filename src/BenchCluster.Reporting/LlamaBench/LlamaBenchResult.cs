using System.Text.Json.Serialization;

namespace BenchCluster.Reporting.LlamaBench;

/// <summary>
/// One pp/tg/pg result in the fields, names, types and order of llama-bench's <c>-o json</c> (llama.cpp v0.5.0), so
/// tools written for llama-bench read it. Fields BenchCluster does not know (e.g. the build number) are null.
/// </summary>
public sealed record LlamaBenchResult
{
    [JsonPropertyName("build_commit")] public string? BuildCommit { get; init; }
    [JsonPropertyName("build_number")] public int? BuildNumber { get; init; }
    [JsonPropertyName("cpu_info")] public string? CpuInfo { get; init; }
    [JsonPropertyName("gpu_info")] public string? GpuInfo { get; init; }
    [JsonPropertyName("backends")] public required string Backends { get; init; }
    [JsonPropertyName("model_filename")] public required string ModelFilename { get; init; }
    [JsonPropertyName("model_type")] public string? ModelType { get; init; }
    [JsonPropertyName("model_size")] public long? ModelSize { get; init; }
    [JsonPropertyName("model_n_params")] public long? ModelNParams { get; init; }
    [JsonPropertyName("n_batch")] public int? NBatch { get; init; }
    [JsonPropertyName("n_ubatch")] public int? NUbatch { get; init; }
    [JsonPropertyName("n_threads")] public int? NThreads { get; init; }
    [JsonPropertyName("poll")] public int? Poll { get; init; }
    [JsonPropertyName("type_k")] public string? TypeK { get; init; }
    [JsonPropertyName("type_v")] public string? TypeV { get; init; }
    [JsonPropertyName("n_gpu_layers")] public int NGpuLayers { get; init; }
    [JsonPropertyName("no_kv_offload")] public bool NoKvOffload { get; init; }
    /// <summary>−1 auto, 0 off, 1 on, as llama-bench writes it.</summary>
    [JsonPropertyName("flash_attn")] public int? FlashAttn { get; init; }
    [JsonPropertyName("embeddings")] public bool Embeddings { get; init; }
    [JsonPropertyName("n_prompt")] public required int NPrompt { get; init; }
    [JsonPropertyName("n_gen")] public required int NGen { get; init; }
    [JsonPropertyName("n_depth")] public required int NDepth { get; init; }
    /// <summary>UTC start of the first repetition, "2026-12-06T02:17:11Z".</summary>
    [JsonPropertyName("test_time")] public string? TestTime { get; init; }
    [JsonPropertyName("avg_ns")] public long? AvgNs { get; init; }
    [JsonPropertyName("stddev_ns")] public long? StddevNs { get; init; }
    [JsonPropertyName("avg_ts")] public double? AvgTs { get; init; }
    [JsonPropertyName("stddev_ts")] public double? StddevTs { get; init; }
    [JsonPropertyName("samples_ns")] public IReadOnlyList<long> SamplesNs { get; init; } = [];
    [JsonPropertyName("samples_ts")] public IReadOnlyList<double> SamplesTs { get; init; } = [];

    /// <summary>Not a llama-bench field: the node that measured it, for the Markdown's per-node tables.</summary>
    [JsonIgnore] public string Node { get; init; } = "";
}
