using System.Globalization;

namespace BenchCluster.Gguf.Format;

/// <summary>
/// One metadata value: a scalar (boxed as its CLR type: byte, sbyte, ushort, short, uint, int, float, bool, string,
/// ulong, long, double) or a one-level array of scalars (a CLR array of that type). GGUF arrays of arrays exist in the
/// spec but llama.cpp refuses them, so they are not representable here.
/// </summary>
public sealed class GgufValue
{
    private GgufValue(GgufValueType type, GgufValueType? elementType, object raw)
    {
        Type = type;
        ElementType = elementType;
        Raw = raw;
    }

    public GgufValueType Type { get; }

    /// <summary>The element type when <see cref="Type"/> is <see cref="GgufValueType.Array"/>.</summary>
    public GgufValueType? ElementType { get; }

    /// <summary>The boxed scalar or the CLR array.</summary>
    public object Raw { get; }

    public bool IsArray => Type == GgufValueType.Array;

    public int ArrayLength => Raw is Array array ? array.Length : 0;

    public static GgufValue Of(byte value) => new(GgufValueType.UInt8, null, value);
    public static GgufValue Of(sbyte value) => new(GgufValueType.Int8, null, value);
    public static GgufValue Of(ushort value) => new(GgufValueType.UInt16, null, value);
    public static GgufValue Of(short value) => new(GgufValueType.Int16, null, value);
    public static GgufValue Of(uint value) => new(GgufValueType.UInt32, null, value);
    public static GgufValue Of(int value) => new(GgufValueType.Int32, null, value);
    public static GgufValue Of(float value) => new(GgufValueType.Float32, null, value);
    public static GgufValue Of(bool value) => new(GgufValueType.Bool, null, value);
    public static GgufValue Of(string value) => new(GgufValueType.String, null, value);
    public static GgufValue Of(ulong value) => new(GgufValueType.UInt64, null, value);
    public static GgufValue Of(long value) => new(GgufValueType.Int64, null, value);
    public static GgufValue Of(double value) => new(GgufValueType.Float64, null, value);

    /// <summary>An array value; the CLR element type decides the GGUF element type.</summary>
    public static GgufValue OfArray(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        // Switch on the exact element type: the CLR lets an int[] pass as uint[] (and byte[] as sbyte[]) in type tests.
        var clrType = values.GetType().GetElementType();
        var elementType = clrType == typeof(byte) ? GgufValueType.UInt8
            : clrType == typeof(sbyte) ? GgufValueType.Int8
            : clrType == typeof(ushort) ? GgufValueType.UInt16
            : clrType == typeof(short) ? GgufValueType.Int16
            : clrType == typeof(uint) ? GgufValueType.UInt32
            : clrType == typeof(int) ? GgufValueType.Int32
            : clrType == typeof(float) ? GgufValueType.Float32
            : clrType == typeof(bool) ? GgufValueType.Bool
            : clrType == typeof(string) ? GgufValueType.String
            : clrType == typeof(ulong) ? GgufValueType.UInt64
            : clrType == typeof(long) ? GgufValueType.Int64
            : clrType == typeof(double) ? GgufValueType.Float64
            : throw new ArgumentException($"GGUF arrays cannot hold {values.GetType().Name}.", nameof(values));
        return new GgufValue(GgufValueType.Array, elementType, values);
    }

    public string? AsString() => Raw as string;

    public IReadOnlyList<string>? AsStringArray() => Raw as string[];

    public bool? AsBool() => Raw is bool b ? b : null;

    /// <summary>Any integer scalar widened to long; null for other types or a uint64 beyond long's range.</summary>
    public long? AsInteger() => Raw switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        ulong v when v <= long.MaxValue => (long)v,
        long v => v,
        _ => null,
    };

    /// <summary>Any float or integer scalar as double; null for other types.</summary>
    public double? AsDouble() => Raw switch
    {
        float v => v,
        double v => v,
        _ => AsInteger(),
    };

    public override string ToString() => Raw switch
    {
        string s => s.Length <= 60 ? $"'{s}'" : $"'{s[..57]}...'",
        Array a => $"[{ElementType} x {a.Length}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Raw.ToString() ?? "",
    };
}
