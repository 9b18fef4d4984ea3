using System.Runtime.InteropServices;
using System.Text;
using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Writing;

/// <summary>Encodes a GGUF v3 header (magic, counts, metadata, tensor infos, padding up to the data section) into bytes.</summary>
internal static class GgufHeaderEncoder
{
    public static byte[] Encode(IReadOnlyList<GgufMetadataEntry> metadata, IReadOnlyList<GgufTensorSpec> tensors,
        IReadOnlyList<long> offsets, uint alignment)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(GgufConstants.Magic);
            writer.Write(GgufConstants.Version);
            writer.Write((long)tensors.Count);
            writer.Write((long)metadata.Count);
            foreach (var entry in metadata)
            {
                WriteString(writer, entry.Key);
                writer.Write((uint)entry.Value.Type);
                if (entry.Value.IsArray)
                    WriteArray(writer, entry.Value);
                else
                    WriteScalar(writer, entry.Value.Raw);
            }
            for (var i = 0; i < tensors.Count; i++)
            {
                var tensor = tensors[i];
                WriteString(writer, tensor.Name);
                writer.Write((uint)tensor.Dimensions.Count);
                foreach (var dimension in tensor.Dimensions)
                    writer.Write(dimension);
                writer.Write((uint)tensor.Type);
                writer.Write((ulong)offsets[i]);
            }
        }
        var padded = tensors.Count == 0 ? buffer.Length : GgufReader.AlignUp(buffer.Length, alignment);
        buffer.SetLength(padded);
        return buffer.ToArray();
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        writer.Write((ulong)byteCount);
        Span<byte> small = byteCount <= 256 ? stackalloc byte[byteCount] : default;
        var bytes = byteCount <= 256 ? small : new byte[byteCount];
        Encoding.UTF8.GetBytes(value, bytes);
        writer.Write(bytes);
    }

    private static void WriteArray(BinaryWriter writer, GgufValue value)
    {
        writer.Write((uint)value.ElementType!.Value);
        var array = (Array)value.Raw;
        writer.Write((ulong)array.Length);
        switch (array)
        {
            case string[] strings:
                foreach (var s in strings)
                    WriteString(writer, s);
                break;
            case bool[] bools:
                foreach (var b in bools)
                    writer.Write((byte)(b ? 1 : 0));
                break;
            case byte[] a: writer.Write(a); break;
            case sbyte[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case ushort[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case short[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case uint[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case int[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case float[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case ulong[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case long[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case double[] a: writer.Write(MemoryMarshal.AsBytes(a.AsSpan())); break;
            default: throw new ArgumentException($"Cannot encode {array.GetType().Name} as a GGUF array.", nameof(value));
        }
    }

    private static void WriteScalar(BinaryWriter writer, object value)
    {
        switch (value)
        {
            case byte v: writer.Write(v); break;
            case sbyte v: writer.Write(v); break;
            case ushort v: writer.Write(v); break;
            case short v: writer.Write(v); break;
            case uint v: writer.Write(v); break;
            case int v: writer.Write(v); break;
            case float v: writer.Write(v); break;
            case bool v: writer.Write((byte)(v ? 1 : 0)); break;
            case string v: WriteString(writer, v); break;
            case ulong v: writer.Write(v); break;
            case long v: writer.Write(v); break;
            case double v: writer.Write(v); break;
            default: throw new ArgumentException($"Cannot encode {value.GetType().Name} as a GGUF scalar.", nameof(value));
        }
    }
}
