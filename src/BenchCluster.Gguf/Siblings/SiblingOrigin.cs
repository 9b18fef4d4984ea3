namespace BenchCluster.Gguf.Siblings;

/// <summary>Where a quantized sibling came from: its parent's SHA-256 (lower-case hex) and the type name ("q4_k_m").</summary>
public sealed record SiblingOrigin(string ParentSha256, string Type);
