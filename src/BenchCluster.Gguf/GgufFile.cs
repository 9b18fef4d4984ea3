using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf;

/// <summary>The header of a GGUF file as read by <see cref="GgufReader"/>: metadata and tensor infos (tensor data stays on disk).</summary>
public sealed class GgufFile
{
    private readonly Dictionary<string, GgufValue> _byKey;

    internal GgufFile(string path, uint version, uint alignment, long dataOffset, long fileSize,
        IReadOnlyList<GgufMetadataEntry> metadata, IReadOnlyList<GgufTensorInfo> tensors)
    {
        Path = path;
        Version = version;
        Alignment = alignment;
        DataOffset = dataOffset;
        FileSize = fileSize;
        Metadata = metadata;
        Tensors = tensors;
        _byKey = metadata.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
    }

    /// <summary>The file path, or the name given for a stream.</summary>
    public string Path { get; }

    public uint Version { get; }

    public uint Alignment { get; }

    /// <summary>Absolute offset of the tensor data section.</summary>
    public long DataOffset { get; }

    public long FileSize { get; }

    public IReadOnlyList<GgufMetadataEntry> Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    public string? Architecture => GetString(GgufConstants.ArchitectureKey);

    public string? Name => GetString(GgufConstants.NameKey);

    /// <summary>general.file_type, the llama.cpp ftype number.</summary>
    public long? FileType => GetInteger(GgufConstants.FileTypeKey);

    /// <summary>The quantization name users know ("Q4_K_M", "F16"...), or null when the file does not say.</summary>
    public string? FileTypeName => FileType is { } type ? LlamaFileType.NameOf(type) : null;

    public bool IsSynthetic => GetBool(SyntheticMarker.SyntheticKey) == true;

    public string? SyntheticPreset => GetString(SyntheticMarker.PresetKey);

    public long ParameterCount => Tensors.Sum(tensor => tensor.ElementCount);

    public long TensorDataBytes => Tensors.Sum(tensor => tensor.ByteSize);

    public bool TryGetValue(string key, out GgufValue value) => _byKey.TryGetValue(key, out value!);

    public GgufValue? Find(string key) => _byKey.GetValueOrDefault(key);

    public string? GetString(string key) => Find(key)?.AsString();

    public long? GetInteger(string key) => Find(key)?.AsInteger();

    public double? GetDouble(string key) => Find(key)?.AsDouble();

    public bool? GetBool(string key) => Find(key)?.AsBool();

    /// <summary>An architecture-scoped key, e.g. <c>ArchitectureKey("block_count")</c> → "qwen2.block_count".</summary>
    public string ArchitectureKey(string suffix) => $"{Architecture}.{suffix}";

    public GgufTensorInfo? FindTensor(string name) => Tensors.FirstOrDefault(tensor => tensor.Name == name);
}
