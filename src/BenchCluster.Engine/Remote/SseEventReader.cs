using System.Buffers;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Engine.Remote;

/// <summary>
/// Splits a server-sent-events byte stream into the data payloads of its events, without a string
/// per line. Each event is stamped with the monotonic time of the read that completed it: events
/// that arrive together in one TCP read share that arrival time, which is when the client had them.
/// </summary>
internal sealed class SseEventReader : IDisposable
{
    /// <summary>Longest line accepted; a server that never sends a newline is not speaking SSE.</summary>
    public const int MaxLineBytes = 1 << 20;

    private const int InitialBufferBytes = 16 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _start;
    private int _end;
    private byte[] _data = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _dataLength;
    private bool _hasData;
    private bool _endOfStream;
    private long _lastReadNs;

    public SseEventReader(Stream stream) => _stream = stream;

    /// <summary>The current event's data lines joined by '\n'; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Data => _data.AsMemory(0, _dataLength);

    /// <summary>Monotonic nanoseconds at which the current event had fully arrived.</summary>
    public long ArrivalNs { get; private set; }

    /// <summary>Data events read so far (comment lines and events without data are not counted).</summary>
    public int EventCount { get; private set; }

    /// <summary>Moves to the next event that carries data; false at the end of the stream.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _dataLength = 0;
        _hasData = false;
        while (true)
        {
            while (TryTakeLine(out var line))
            {
                if (line.IsEmpty)
                {
                    if (_hasData)
                        return Dispatch();
                    continue;
                }
                AcceptLine(line.Span);
            }
            if (_endOfStream)
            {
                // A last line without its newline, or an event without its blank line: hand it on,
                // so a cut-off JSON payload is reported as such rather than silently dropped.
                if (_end > _start)
                {
                    AcceptLine(TrimCarriageReturn(_buffer.AsMemory(_start, _end - _start)).Span);
                    _start = _end;
                }
                return _hasData && Dispatch();
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool Dispatch()
    {
        ArrivalNs = _lastReadNs;
        EventCount++;
        return true;
    }

    private bool TryTakeLine(out ReadOnlyMemory<byte> line)
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (_end - _start > MaxLineBytes)
                throw new SseFormatException($"a line longer than {MaxLineBytes} bytes without a newline", Excerpt(_buffer.AsSpan(_start, 200)));
            line = default;
            return false;
        }
        line = TrimCarriageReturn(_buffer.AsMemory(_start, newline));
        _start += newline + 1;
        return true;
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        !line.IsEmpty && line.Span[^1] == (byte)'\r' ? line[..^1] : line;

    private void AcceptLine(ReadOnlySpan<byte> line)
    {
        if (line[0] == (byte)':')
            return; // comment: keep-alive pings (llama-server's sse_ping_interval) carry no event
        if (!line.StartsWith("data:"u8))
            return; // "event:", "id:", "retry:" are not used by OpenAI-compatible streams
        var value = line[5..];
        if (!value.IsEmpty && value[0] == (byte)' ')
            value = value[1..];
        if (_hasData)
            AppendData("\n"u8);
        AppendData(value);
        _hasData = true;
    }

    private void AppendData(ReadOnlySpan<byte> bytes)
    {
        if (_dataLength + bytes.Length > _data.Length)
            _data = Grow(_data, _dataLength, _dataLength + bytes.Length);
        bytes.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += bytes.Length;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            _buffer = Grow(_buffer, _end, _buffer.Length * 2);
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _lastReadNs = MonotonicClock.NowNs();
        if (read == 0)
            _endOfStream = true;
        _end += read;
    }

    /// <summary>
    /// Reads what follows the last event up to the end of the response (normally just the chunked-encoding
    /// terminator), so the connection goes back to the pool instead of being closed.
    /// </summary>
    public async ValueTask<bool> DrainAsync(int maxBytes, CancellationToken cancellationToken)
    {
        var drained = 0;
        while (!_endOfStream && drained <= maxBytes)
        {
            _start = _end = 0;
            await FillAsync(cancellationToken).ConfigureAwait(false);
            drained += _end;
        }
        return _endOfStream;
    }

    private static byte[] Grow(byte[] old, int used, int needed)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, old.Length * 2));
        old.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(old);
        return bigger;
    }

    /// <summary>A short printable excerpt of raw bytes for an error message.</summary>
    public static string Excerpt(ReadOnlySpan<byte> bytes, int maxChars = 200)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, maxChars * 4)]);
        text = text.ReplaceLineEndings(" ");
        return text.Length <= maxChars ? text : text[..maxChars] + "…";
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_data);
        _buffer = [];
        _data = [];
    }
}
