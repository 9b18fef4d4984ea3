using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Writing;

/// <summary>A tensor to be written: name, element type and dimensions (ne[0], the row length, first).</summary>
public sealed record GgufTensorSpec(string Name, GgmlType Type, IReadOnlyList<long> Dimensions)
{
    public long ElementCount => Dimensions.Aggregate(1L, (product, dimension) => checked(product * dimension));

    public long RowLength => Dimensions[0];

    public long RowCount => ElementCount / Math.Max(1, RowLength);

    public long ByteSize => checked(ElementCount / GgmlTypeInfo.Of(Type).BlockElements * GgmlTypeInfo.Of(Type).BlockBytes);

    public long RowBytes => GgmlTypeInfo.Of(Type).RowBytes(RowLength);
}
