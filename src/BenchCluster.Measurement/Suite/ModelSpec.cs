using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

/// <summary>One model of a suite: exactly one of <see cref="Preset"/>, <see cref="Path"/>, <see cref="From"/> or <see cref="Endpoint"/> is set.</summary>
public sealed record ModelSpec
{
    /// <summary>Short name used in results and point keys.</summary>
    public required string Name { get; init; }
    /// <summary>Forge preset name, e.g. "qwen2.5-0.5b".</summary>
    public string? Preset { get; init; }
    /// <summary>Quantization type for a preset, e.g. "q4_k_m".</summary>
    public string? Quantization { get; init; }
    /// <summary>GGUF file path on the worker.</summary>
    public string? Path { get; init; }
    public EndpointSpec? Endpoint { get; init; }
    /// <summary>
    /// Name of another in-process model of the suite (F32, F16 or BF16) this one is quantized from to
    /// <see cref="Quantization"/> through llama_model_quantize, so siblings share weights and differ by the
    /// quantization alone. Null for models forged or loaded directly. The parent is the default quality reference.
    /// </summary>
    public string? From { get; init; }

    [JsonIgnore]
    public ModelSourceKind Source => Endpoint is not null ? ModelSourceKind.Endpoint
        : Path is not null ? ModelSourceKind.File
        : From is not null ? ModelSourceKind.Quantized
        : ModelSourceKind.Preset;

    /// <summary>True when a worker runs the model through the in-process llama.cpp engine.</summary>
    [JsonIgnore]
    public bool IsInProcess => Source != ModelSourceKind.Endpoint;
}
