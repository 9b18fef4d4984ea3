namespace BenchCluster.Gguf.Format;

/// <summary>The type tag of a GGUF metadata value, as stored in the file (gguf.h <c>enum gguf_type</c>).</summary>
// The members name the wire types they tag, so type names are the right identifiers here.
#pragma warning disable CA1720
public enum GgufValueType : uint
{
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
}
#pragma warning restore CA1720
