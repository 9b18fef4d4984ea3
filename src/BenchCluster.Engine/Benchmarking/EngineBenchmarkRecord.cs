using System.Text.Json.Serialization;

namespace BenchCluster.Engine.Benchmarking;

/// <summary>
/// One test's result. Fields that llama-bench's <c>-o json</c> also writes carry its exact names and meanings
/// (avg_ts = mean over repetitions of (n_prompt + n_gen) / seconds, stddev_ts = sample standard deviation), so the
/// two outputs compare field by field. Batched tests add llama-batched-bench's names (pl, speed_pp, speed_tg).
/// </summary>
public sealed record EngineBenchmarkRecord
{
    [JsonPropertyName("engine")] public string Engine { get; init; } = "benchcluster";
    [JsonPropertyName("build_commit")] public required string BuildCommit { get; init; }
    [JsonPropertyName("cpu_info")] public required string CpuInfo { get; init; }
    [JsonPropertyName("gpu_info")] public string GpuInfo { get; init; } = "";
    [JsonPropertyName("backends")] public required string Backends { get; init; }
    [JsonPropertyName("model_filename")] public required string ModelFilename { get; init; }
    [JsonPropertyName("model_type")] public required string ModelType { get; init; }
    [JsonPropertyName("model_size")] public required long ModelSize { get; init; }
    [JsonPropertyName("model_n_params")] public required long ModelNParams { get; init; }
    [JsonPropertyName("model_sha256")] public required string ModelSha256 { get; init; }
    [JsonPropertyName("n_batch")] public required int NBatch { get; init; }
    [JsonPropertyName("n_ubatch")] public required int NUbatch { get; init; }
    [JsonPropertyName("n_threads")] public required int NThreads { get; init; }
    [JsonPropertyName("poll")] public required int Poll { get; init; }
    /// <summary>False when ggml started its workers per decode (as llama-batched-bench runs).</summary>
    [JsonPropertyName("persistent_threadpool")] public bool PersistentThreadpool { get; init; } = true;
    [JsonPropertyName("type_k")] public required string TypeK { get; init; }
    [JsonPropertyName("type_v")] public required string TypeV { get; init; }
    [JsonPropertyName("n_gpu_layers")] public required int NGpuLayers { get; init; }
    /// <summary>-1 auto, 0 off, 1 on (llama-bench writes the enum's integer).</summary>
    [JsonPropertyName("flash_attn")] public required int FlashAttn { get; init; }
    [JsonPropertyName("n_prompt")] public required int NPrompt { get; init; }
    [JsonPropertyName("n_gen")] public required int NGen { get; init; }
    [JsonPropertyName("n_depth")] public int NDepth { get; init; }
    /// <summary>Parallel sequences (llama-batched-bench's "pl"); 1 for llama-bench's tests.</summary>
    [JsonPropertyName("pl")] public required int Pl { get; init; }
    [JsonPropertyName("test")] public required string Test { get; init; }
    [JsonPropertyName("test_time")] public required string TestTime { get; init; }
    [JsonPropertyName("avg_ns")] public required long AvgNs { get; init; }
    [JsonPropertyName("stddev_ns")] public required long StddevNs { get; init; }
    [JsonPropertyName("avg_ts")] public required double AvgTs { get; init; }
    [JsonPropertyName("stddev_ts")] public required double StddevTs { get; init; }
    /// <summary>Batched tests: mean prompt-phase tokens/s (pl × pp / t_pp); null otherwise.</summary>
    [JsonPropertyName("speed_pp")] public double? SpeedPp { get; init; }
    /// <summary>Batched tests: mean generation-phase tokens/s (pl × tg / t_tg); null otherwise.</summary>
    [JsonPropertyName("speed_tg")] public double? SpeedTg { get; init; }
    /// <summary>Batched tests: speed_pp of each repetition.</summary>
    [JsonPropertyName("samples_speed_pp")] public IReadOnlyList<double>? SamplesSpeedPp { get; init; }
    /// <summary>Batched tests: speed_tg of each repetition.</summary>
    [JsonPropertyName("samples_speed_tg")] public IReadOnlyList<double>? SamplesSpeedTg { get; init; }
    [JsonPropertyName("samples_ns")] public required IReadOnlyList<long> SamplesNs { get; init; }
    [JsonPropertyName("samples_ts")] public required IReadOnlyList<double> SamplesTs { get; init; }
}
