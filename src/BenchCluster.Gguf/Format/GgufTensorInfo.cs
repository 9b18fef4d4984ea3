namespace BenchCluster.Gguf.Format;

/// <summary>
/// One tensor's entry in a GGUF file: name, element type, dimensions (ne[0] first, the row length),
/// offset relative to the data section, absolute offset in the file, and its size in bytes.
/// </summary>
public sealed record GgufTensorInfo(string Name, GgmlType Type, IReadOnlyList<long> Dimensions, long Offset, long AbsoluteOffset, long ByteSize)
{
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dimension in Dimensions)
                count *= dimension;
            return count;
        }
    }

    public string TypeName => GgmlTypeInfo.Of(Type).Name;

    public override string ToString() => $"{Name} {TypeName} [{string.Join(", ", Dimensions)}] @{AbsoluteOffset} ({ByteSize} B)";
}
