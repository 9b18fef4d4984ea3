namespace BenchCluster.Gguf.Format;

/// <summary>One key/value pair of a GGUF file's metadata, in file order.</summary>
public sealed record GgufMetadataEntry(string Key, GgufValue Value);
