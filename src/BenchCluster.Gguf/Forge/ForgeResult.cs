namespace BenchCluster.Gguf.Forge;

/// <summary>A forged model file: where it is, its size, its SHA-256 (lower-case hex, also in the sidecar file) and how long it took.</summary>
public sealed record ForgeResult(string Path, long Bytes, string Sha256, TimeSpan Elapsed, ForgeSpec Spec);
