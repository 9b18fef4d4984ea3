using System.Buffers.Binary;
using System.Text;

namespace BenchCluster.Gguf.Reading;

/// <summary>
/// Sequential little-endian reads over a stream of known length with a small buffer; every read checks the bytes left
/// first, so a lying length field fails as <see cref="GgufProblem.Truncated"/> before anything is allocated for it.
/// </summary>
internal sealed class GgufCursor
{
    private const int BufferBytes = 64 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _bufferStart;
    private int _bufferEnd;

    public GgufCursor(Stream stream, string source, long length)
    {
        _stream = stream;
        Source = source;
        Length = length;
        // Small inputs (and fuzzed ones) get a buffer no larger than themselves.
        _buffer = new byte[(int)Math.Clamp(length, 1, BufferBytes)];
    }

    public string Source { get; }

    public long Length { get; }

    public long Position { get; private set; }

    public long Remaining => Length - Position;

    public GgufFormatException Error(GgufProblem problem, string detail, long? offset = null, string? fix = null) =>
        new(Source, problem, detail, offset ?? Position, fix);

    public void Require(long bytes, string what)
    {
        if (bytes > Remaining)
            throw Error(GgufProblem.Truncated,
                $"the file ends while reading {what}: {bytes} bytes needed, {Math.Max(0, Remaining)} left (file size {Length} bytes)",
                fix: "The file is truncated (an interrupted download or copy?): download or forge it again.");
    }

    public byte ReadByte(string what) => Take(1, what)[0];

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public long ReadInt64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));

    /// <summary>A length-prefixed UTF-8 string of at most <paramref name="maxBytes"/> bytes (invalid UTF-8 becomes U+FFFD).</summary>
    public string ReadString(long maxBytes, string what)
    {
        var start = Position;
        var length = ReadUInt64($"the length of {what}");
        if (length > (ulong)maxBytes)
            throw Error(GgufProblem.AbsurdLength, $"{what} claims {length} bytes, more than the {maxBytes} allowed", start);
        Require((long)length, what);
        var count = (int)length;
        if (count <= _buffer.Length)
            return Utf8.GetString(Take(count, what));
        var bytes = new byte[count];
        ReadInto(bytes, what);
        return Utf8.GetString(bytes);
    }

    /// <summary>Fills <paramref name="destination"/> from the file (the caller has checked the length against <see cref="Remaining"/>).</summary>
    public void ReadInto(Span<byte> destination, string what)
    {
        Require(destination.Length, what);
        var buffered = Math.Min(destination.Length, _bufferEnd - _bufferStart);
        _buffer.AsSpan(_bufferStart, buffered).CopyTo(destination);
        _bufferStart += buffered;
        Position += buffered;
        var rest = destination[buffered..];
        while (rest.Length > 0)
        {
            var read = _stream.Read(rest);
            if (read <= 0)
                throw EndedEarly(what);
            rest = rest[read..];
            Position += read;
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        Require(count, what);
        if (_bufferEnd - _bufferStart < count)
            Refill(count, what);
        var span = _buffer.AsSpan(_bufferStart, count);
        _bufferStart += count;
        Position += count;
        return span;
    }

    private void Refill(int needed, string what)
    {
        var kept = _bufferEnd - _bufferStart;
        _buffer.AsSpan(_bufferStart, kept).CopyTo(_buffer);
        _bufferStart = 0;
        _bufferEnd = kept;
        var wanted = (int)Math.Min(_buffer.Length, Remaining);
        while (_bufferEnd < wanted)
        {
            var read = _stream.Read(_buffer, _bufferEnd, wanted - _bufferEnd);
            if (read <= 0)
                break;
            _bufferEnd += read;
        }
        if (_bufferEnd < needed)
            throw EndedEarly(what);
    }

    private GgufFormatException EndedEarly(string what) =>
        Error(GgufProblem.Truncated, $"the stream ended before its stated length of {Length} bytes while reading {what}",
            fix: "The file changed or shrank while being read: make sure nothing else is writing it, then retry.");
}
