namespace BenchCluster.Gguf.Format;

/// <summary>Fixed facts of the GGUF container (ggml/include/gguf.h of the pinned llama.cpp).</summary>
public static class GgufConstants
{
    /// <summary>"GGUF" read as a little-endian uint32.</summary>
    public const uint Magic = 0x46554747;
    public const uint Version = 3;
    public const uint DefaultAlignment = 32;
    public const string AlignmentKey = "general.alignment";
    public const string ArchitectureKey = "general.architecture";
    public const string FileTypeKey = "general.file_type";
    public const string NameKey = "general.name";
    public const string QuantizationVersionKey = "general.quantization_version";

    /// <summary>ggml's GGML_MAX_DIMS: a tensor has at most four dimensions.</summary>
    public const int MaxDimensions = 4;

    /// <summary>ggml's GGML_MAX_NAME: tensor names must be shorter than 64 bytes (the C struct holds a NUL too).</summary>
    public const int MaxTensorNameBytes = 63;
}
