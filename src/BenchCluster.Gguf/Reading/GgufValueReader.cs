using System.Runtime.InteropServices;
using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Reading;

/// <summary>Reads one metadata entry (key, type tag, scalar or array value), checking lengths before allocating.</summary>
internal static class GgufValueReader
{
    private const int StringLengthPrefixBytes = 8;

    public static GgufMetadataEntry ReadEntry(GgufCursor cursor, int index, GgufReadLimits limits)
    {
        var keyStart = cursor.Position;
        var key = cursor.ReadString(limits.MaxKeyBytes, $"the key of metadata entry {index}");
        if (key.Length == 0)
            throw cursor.Error(GgufProblem.InvalidMetadata, $"metadata entry {index} has an empty key", keyStart);

        var typeAt = cursor.Position;
        var type = ReadType(cursor, key, typeAt);
        if (type != GgufValueType.Array)
            return new GgufMetadataEntry(key, ReadScalar(cursor, type, key, limits));

        var elementAt = cursor.Position;
        var elementType = ReadType(cursor, key, elementAt);
        if (elementType == GgufValueType.Array)
            throw cursor.Error(GgufProblem.InvalidMetadata, $"metadata key '{key}' is an array of arrays, which llama.cpp does not read", elementAt);
        var countAt = cursor.Position;
        var count = cursor.ReadUInt64($"the element count of '{key}'");
        var minBytes = elementType == GgufValueType.String ? StringLengthPrefixBytes : ScalarBytes(elementType);
        if (count > (ulong)limits.MaxArrayElements)
            throw cursor.Error(GgufProblem.AbsurdCount, $"metadata array '{key}' claims {count} elements, more than the {limits.MaxArrayElements} allowed", countAt);
        if ((long)count * minBytes > cursor.Remaining)
            throw cursor.Error(GgufProblem.AbsurdCount,
                $"metadata array '{key}' claims {count} elements of {elementType}, which cannot fit in the {cursor.Remaining} bytes left", countAt);
        return new GgufMetadataEntry(key, GgufValue.OfArray(ReadArray(cursor, elementType, (int)count, key, limits)));
    }

    private static GgufValueType ReadType(GgufCursor cursor, string key, long at)
    {
        var raw = cursor.ReadUInt32($"the value type of '{key}'");
        if (raw > (uint)GgufValueType.Float64)
            throw cursor.Error(GgufProblem.InvalidMetadata, $"metadata key '{key}' has value type {raw}, which GGUF does not define (0..12)", at);
        return (GgufValueType)raw;
    }

    private static int ScalarBytes(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        _ => 8,
    };

    private static GgufValue ReadScalar(GgufCursor cursor, GgufValueType type, string key, GgufReadLimits limits)
    {
        if (type == GgufValueType.String)
            return GgufValue.Of(cursor.ReadString(limits.MaxStringBytes, $"the value of '{key}'"));
        Span<byte> bytes = stackalloc byte[8];
        var size = ScalarBytes(type);
        cursor.ReadInto(bytes[..size], $"the value of '{key}'");
        return type switch
        {
            GgufValueType.UInt8 => GgufValue.Of(bytes[0]),
            GgufValueType.Int8 => GgufValue.Of((sbyte)bytes[0]),
            GgufValueType.Bool => GgufValue.Of(bytes[0] != 0),
            GgufValueType.UInt16 => GgufValue.Of(MemoryMarshal.Read<ushort>(bytes)),
            GgufValueType.Int16 => GgufValue.Of(MemoryMarshal.Read<short>(bytes)),
            GgufValueType.UInt32 => GgufValue.Of(MemoryMarshal.Read<uint>(bytes)),
            GgufValueType.Int32 => GgufValue.Of(MemoryMarshal.Read<int>(bytes)),
            GgufValueType.Float32 => GgufValue.Of(MemoryMarshal.Read<float>(bytes)),
            GgufValueType.UInt64 => GgufValue.Of(MemoryMarshal.Read<ulong>(bytes)),
            GgufValueType.Int64 => GgufValue.Of(MemoryMarshal.Read<long>(bytes)),
            _ => GgufValue.Of(MemoryMarshal.Read<double>(bytes)),
        };
    }

    private static Array ReadArray(GgufCursor cursor, GgufValueType elementType, int count, string key, GgufReadLimits limits)
    {
        var what = $"the elements of '{key}'";
        switch (elementType)
        {
            case GgufValueType.String:
                var strings = new string[count];
                for (var i = 0; i < count; i++)
                    strings[i] = cursor.ReadString(limits.MaxStringBytes, $"element {i} of '{key}'");
                return strings;
            case GgufValueType.Bool:
                var raw = ReadPrimitives<byte>(cursor, count, what);
                return Array.ConvertAll(raw, b => b != 0);
            case GgufValueType.UInt8: return ReadPrimitives<byte>(cursor, count, what);
            case GgufValueType.Int8: return ReadPrimitives<sbyte>(cursor, count, what);
            case GgufValueType.UInt16: return ReadPrimitives<ushort>(cursor, count, what);
            case GgufValueType.Int16: return ReadPrimitives<short>(cursor, count, what);
            case GgufValueType.UInt32: return ReadPrimitives<uint>(cursor, count, what);
            case GgufValueType.Int32: return ReadPrimitives<int>(cursor, count, what);
            case GgufValueType.Float32: return ReadPrimitives<float>(cursor, count, what);
            case GgufValueType.UInt64: return ReadPrimitives<ulong>(cursor, count, what);
            case GgufValueType.Int64: return ReadPrimitives<long>(cursor, count, what);
            default: return ReadPrimitives<double>(cursor, count, what);
        }
    }

    // GGUF is little-endian and so is every platform we run on (x64, arm64).
    private static T[] ReadPrimitives<T>(GgufCursor cursor, int count, string what) where T : unmanaged
    {
        var values = new T[count];
        cursor.ReadInto(MemoryMarshal.AsBytes(values.AsSpan()), what);
        return values;
    }
}
