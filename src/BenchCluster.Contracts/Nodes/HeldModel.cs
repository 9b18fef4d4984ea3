namespace BenchCluster.Contracts.Nodes;

/// <summary>
/// A model file on a worker's disk. <see cref="ParentSha256"/> and <see cref="SiblingType"/> are set on a file
/// BenchCluster quantized from another (its GGUF's benchcluster.parent_sha256 / benchcluster.quantized_type).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HeldModel(
    [property: Id(0)] string Sha256,
    [property: Id(1)] string FileName,
    [property: Id(2)] long SizeBytes,
    [property: Id(3)] string Architecture,
    [property: Id(4)] string Quantization,
    [property: Id(5)] bool IsSynthetic,
    [property: Id(6)] string? SyntheticPreset,
    [property: Id(7)] string? ParentSha256 = null,
    [property: Id(8)] string? SiblingType = null);
