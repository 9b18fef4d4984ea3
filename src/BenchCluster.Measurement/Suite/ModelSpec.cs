using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

/// <summary>One model of a suite: exactly one of <see cref="Preset"/>, <see cref="Path"/> or <see cref="Endpoint"/> is set.</summary>
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

    [JsonIgnore]
    public ModelSourceKind Source => Endpoint is not null ? ModelSourceKind.Endpoint
        : Path is not null ? ModelSourceKind.File
        : ModelSourceKind.Preset;

    /// <summary>True when a worker runs the model through the in-process llama.cpp engine.</summary>
    [JsonIgnore]
    public bool IsInProcess => Source != ModelSourceKind.Endpoint;
}
