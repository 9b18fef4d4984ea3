using BenchCluster.Gguf.Siblings;

namespace BenchCluster.Engine.Quantization;

/// <summary>A quantized sibling on disk: its path, size, SHA-256, its origin (parent SHA-256 + type) and how long it took.</summary>
public sealed record QuantizationResult(string Path, long Bytes, string Sha256, SiblingOrigin Origin, TimeSpan Elapsed);
