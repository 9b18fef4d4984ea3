namespace BenchCluster.Gguf;

/// <summary>
/// Upper bounds the reader enforces before allocating. Every count is also checked against the bytes left in the file
/// (each element needs at least its encoded size), so what a file can make the reader allocate stays within a small
/// multiple of the file's header size however its fields lie.
/// </summary>
public sealed record GgufReadLimits
{
    public static GgufReadLimits Default { get; } = new();

    /// <summary>The GGUF spec caps keys at 65,535 bytes.</summary>
    public int MaxKeyBytes { get; init; } = 65_535;

    /// <summary>Longest string value; chat templates are a few KiB, so 16 MiB is far beyond any real file.</summary>
    public int MaxStringBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest array; the biggest real ones are tokenizer lists of a few hundred thousand entries.</summary>
    public int MaxArrayElements { get; init; } = 16 * 1024 * 1024;

    public int MaxMetadataEntries { get; init; } = 1 << 16;

    /// <summary>Large mixture-of-experts files hold a few thousand tensors.</summary>
    public int MaxTensors { get; init; } = 1 << 20;
}
