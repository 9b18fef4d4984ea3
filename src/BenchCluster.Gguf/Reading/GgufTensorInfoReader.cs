using System.Text;
using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Reading;

/// <summary>Reads the tensor info section and places every tensor in the data section, checking what ggml's loader checks.</summary>
internal static class GgufTensorInfoReader
{
    /// <summary>A tensor info as read, before its offset is checked against the data section.</summary>
    public readonly record struct RawTensor(string Name, GgmlType Type, long[] Dimensions, ulong Offset, long ByteSize, long InfoAt);

    public static List<RawTensor> ReadAll(GgufCursor cursor, int count)
    {
        var tensors = new List<RawTensor>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var infoAt = cursor.Position;
            var name = cursor.ReadString(GgufConstants.MaxTensorNameBytes + 1, $"the name of tensor {i}");
            if (name.Length == 0)
                throw cursor.Error(GgufProblem.InvalidTensorInfo, $"tensor {i} has an empty name", infoAt);
            if (Encoding.UTF8.GetByteCount(name) > GgufConstants.MaxTensorNameBytes)
                throw cursor.Error(GgufProblem.InvalidTensorInfo,
                    $"tensor {i} name '{name}' is longer than the {GgufConstants.MaxTensorNameBytes} bytes ggml allows", infoAt);
            if (!names.Add(name))
                throw cursor.Error(GgufProblem.DuplicateTensorName, $"tensor name '{name}' appears twice", infoAt);

            var dimensions = ReadDimensions(cursor, name);
            var typeAt = cursor.Position;
            var typeNumber = cursor.ReadUInt32($"the type of tensor '{name}'");
            var info = GgmlTypeInfo.Find(typeNumber) ?? throw cursor.Error(GgufProblem.UnknownTensorType,
                $"tensor '{name}' has type number {typeNumber}, which the pinned llama.cpp cannot load (known: {string.Join(", ", GgmlTypeInfo.All.Select(t => $"{t.Name}={(uint)t.Type}"))})",
                typeAt, "The file needs a newer llama.cpp, or it is corrupt: re-download it.");
            if (dimensions[0] % info.BlockElements != 0)
                throw cursor.Error(GgufProblem.InvalidTensorInfo,
                    $"tensor '{name}' of type {info.Name} has rows of {dimensions[0]} elements, not a multiple of its block size {info.BlockElements}", typeAt);
            var byteSize = ByteSize(cursor, name, dimensions, info, typeAt);
            var offset = cursor.ReadUInt64($"the data offset of tensor '{name}'");
            tensors.Add(new RawTensor(name, info.Type, dimensions, offset, byteSize, infoAt));
        }
        return tensors;
    }

    public static List<GgufTensorInfo> Place(GgufCursor cursor, List<RawTensor> tensors, long dataOffset, uint alignment)
    {
        if (tensors.Count > 0 && dataOffset > cursor.Length)
            throw cursor.Error(GgufProblem.Truncated,
                $"the tensor data section should start at byte {dataOffset}, past the end of the {cursor.Length}-byte file", dataOffset,
                "The file is truncated: download or forge it again.");
        var dataBytes = cursor.Length - dataOffset;
        var placed = new List<GgufTensorInfo>(tensors.Count);
        long expected = 0;
        foreach (var (name, type, dimensions, offset, byteSize, infoAt) in tensors)
        {
            if (offset > (ulong)dataBytes || byteSize > dataBytes - (long)offset)
                throw cursor.Error(GgufProblem.TensorOutOfBounds,
                    $"tensor '{name}' ({byteSize} bytes at data offset {offset}) ends past the end of the file ({dataBytes} bytes of tensor data after byte {dataOffset})",
                    infoAt, "The file is truncated or its tensor table is corrupt: download or forge it again.");
            if ((long)offset % alignment != 0)
                throw cursor.Error(GgufProblem.MisalignedTensor,
                    $"tensor '{name}' starts at data offset {offset}, not a multiple of the alignment {alignment}", infoAt);
            if ((long)offset != expected)
                throw cursor.Error(GgufProblem.MisalignedTensor,
                    $"tensor '{name}' starts at data offset {offset} but llama.cpp expects {expected} (tensors stored in order, each padded to {alignment} bytes)",
                    infoAt);
            placed.Add(new GgufTensorInfo(name, type, dimensions, (long)offset, dataOffset + (long)offset, byteSize));
            expected = GgufReader.AlignUp((long)offset + byteSize, alignment);
        }
        return placed;
    }

    private static long[] ReadDimensions(GgufCursor cursor, string name)
    {
        var at = cursor.Position;
        var count = cursor.ReadUInt32($"the dimension count of tensor '{name}'");
        if (count is 0 or > GgufConstants.MaxDimensions)
            throw cursor.Error(GgufProblem.InvalidTensorInfo,
                $"tensor '{name}' has {count} dimensions; ggml tensors have 1 to {GgufConstants.MaxDimensions}", at);
        var dimensions = new long[count];
        long product = 1;
        for (var d = 0; d < count; d++)
        {
            var dimAt = cursor.Position;
            dimensions[d] = cursor.ReadInt64($"dimension {d} of tensor '{name}'");
            if (dimensions[d] < 0)
                throw cursor.Error(GgufProblem.InvalidTensorInfo, $"tensor '{name}' dimension {d} is {dimensions[d]}, negative", dimAt);
            if (dimensions[d] != 0 && product > long.MaxValue / dimensions[d])
                throw cursor.Error(GgufProblem.DimensionOverflow,
                    $"tensor '{name}' has dimensions [{string.Join(", ", dimensions.Take(d + 1))}] whose element count overflows 64 bits", dimAt);
            product *= dimensions[d];
        }
        return dimensions;
    }

    private static long ByteSize(GgufCursor cursor, string name, long[] dimensions, GgmlTypeInfo info, long at)
    {
        long elements = 1;
        foreach (var dimension in dimensions)
            elements *= dimension;
        var blocks = elements / info.BlockElements;
        if (blocks > long.MaxValue / info.BlockBytes)
            throw cursor.Error(GgufProblem.DimensionOverflow, $"tensor '{name}' would take more than {long.MaxValue} bytes", at);
        return blocks * info.BlockBytes;
    }
}
