namespace BenchCluster.Engine.Inference;

/// <summary>What a model file is, read from its GGUF metadata and its bytes; enough to identify it in every result.</summary>
public sealed record ModelInfo
{
    public required string Path { get; init; }
    public required string Architecture { get; init; }
    /// <summary>llama.cpp's description, e.g. "qwen2 1B Q4_K - Medium".</summary>
    public required string Description { get; init; }
    public required long ParameterCount { get; init; }
    public required long FileSizeBytes { get; init; }
    /// <summary>Bytes of all tensors as llama.cpp counts them (llama_model_size; llama-bench's model_size); 0 when unknown.</summary>
    public long TensorSizeBytes { get; init; }
    /// <summary>File type name as llama.cpp names it (general.file_type), e.g. "Q4_K_M", "F16".</summary>
    public required string QuantizationType { get; init; }
    /// <summary>Context length the model was trained for.</summary>
    public required int ContextLength { get; init; }
    public required int VocabularySize { get; init; }
    public required int LayerCount { get; init; }
    public required int EmbeddingLength { get; init; }
    /// <summary>Lower-case hex SHA-256 of the whole file.</summary>
    public required string Sha256 { get; init; }
    /// <summary>True when the file carries BenchCluster's synthetic marker: random weights, real shape.</summary>
    public required bool IsSynthetic { get; init; }
    /// <summary>Name of the forge preset when synthetic, else null.</summary>
    public string? SyntheticPreset { get; init; }
}
