namespace BenchCluster.Storage.Models;

/// <summary>One row of models: a GGUF file identified by its SHA-256, with the metadata our reader found in it.</summary>
public sealed record ModelRow
{
    /// <summary>SHA-256 of the whole file, 64 lower-case hex digits.</summary>
    public required string Sha256 { get; init; }
    public required string FileName { get; init; }
    public string? Architecture { get; init; }
    public long? ParameterCount { get; init; }
    public required long FileSizeBytes { get; init; }
    /// <summary>The file's quantization as people name it (Q4_K_M, Q8_0, F16).</summary>
    public string? Quantization { get; init; }
    public int? ContextLength { get; init; }
    /// <summary>True for forged models (real shapes, random weights): their speed is real, their text is not.</summary>
    public bool IsSynthetic { get; init; }
    public string? SyntheticPreset { get; init; }
    /// <summary>GGUF metadata (key/value pairs, tokenizer arrays left out) as a JSON object.</summary>
    public string MetadataJson { get; init; } = "{}";
}
