using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

/// <summary>Where a model comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelSourceKind>))]
public enum ModelSourceKind
{
    /// <summary>A synthetic model forged on the worker from a preset shape and a quantization type.</summary>
    Preset,
    /// <summary>A GGUF file on the worker's disk.</summary>
    File,
    /// <summary>Another model of the suite quantized on the worker through llama_model_quantize (<see cref="ModelSpec.From"/>).</summary>
    Quantized,
    /// <summary>A remote OpenAI-compatible endpoint.</summary>
    Endpoint,
}
