using System.Buffers;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Remote;

/// <summary>
/// Splits a server-sent-events byte stream into the data payloads of its events, without a string
/// per line. Each event is stamped with the monotonic time of the read that completed it: events
/// that arrive together in one TCP read share that arrival time, which is when the client had them.
/// A hostile server is bounded: an event's data (across its data: lines) holds at most maxEventBytes, so no line
/// is buffered beyond that either, and a response carries at most maxEvents records (data events, comments and
/// stray lines alike); past either limit reading stops with a <see cref="StreamLimitException"/>.
/// </summary>
internal sealed class SseEventReader : IDisposable
{
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>Room in a line beside its data: the "data: " prefix and a carriage return.</summary>
    private const int LineOverheadBytes = 8;

    private readonly Stream _stream;
    private readonly int _maxEventBytes;
    private readonly int _maxEvents;
    private readonly int _maxLineBytes;
    private long _records;

    /// <summary>Bytes after _start already searched for a newline: a line trickling in a byte per read is scanned once, not once per read.</summary>
    private int _scanned;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _start;
    private int _end;
    private byte[] _data = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _dataLength;
    private bool _hasData;
    private bool _endOfStream;
    private long _lastReadNs;

    public SseEventReader(
        Stream stream,
        int maxEventBytes = OpenAiCompatibleOptions.DefaultMaxEventBytes,
        int maxEvents = OpenAiCompatibleOptions.DefaultMaxEventsPerRequest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        _stream = stream;
        _maxEventBytes = maxEventBytes;
        _maxEvents = maxEvents;
        _maxLineBytes = checked(maxEventBytes + LineOverheadBytes);
    }

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
                    CountRecord(); // a stray blank line: free to send, so counted like an event
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
                    _scanned = 0;
                }
                return _hasData && Dispatch();
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool Dispatch()
    {
        CountRecord();
        ArrivalNs = _lastReadNs;
        EventCount++;
        return true;
    }

    private void CountRecord()
    {
        if (++_records > _maxEvents)
            throw new StreamLimitException("max_events_per_request", _maxEvents, $"more than {_maxEvents} events (data events, comments and blank lines) in one response");
    }

    private bool TryTakeLine(out ReadOnlyMemory<byte> line)
    {
        var found = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
        if (found < 0)
        {
            _scanned = _end - _start;
            if (_scanned > _maxLineBytes)
                throw new StreamLimitException("max_event_bytes", _maxEventBytes, $"a line of more than {_maxEventBytes} bytes without a newline");
            line = default;
            return false;
        }
        var newline = _scanned + found;
        _scanned = 0;
        line = TrimCarriageReturn(_buffer.AsMemory(_start, newline));
        _start += newline + 1;
        return true;
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        !line.IsEmpty && line.Span[^1] == (byte)'\r' ? line[..^1] : line;

    private void AcceptLine(ReadOnlySpan<byte> line)
    {
        if (line[0] == (byte)':' || !line.StartsWith("data:"u8))
        {
            // A comment (keep-alive pings: llama-server's sse_ping_interval), or "event:", "id:", "retry:", which
            // OpenAI-compatible streams do not use: no data, but still counted, or pings alone could run forever.
            CountRecord();
            return;
        }
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
        if (_dataLength + bytes.Length > _maxEventBytes)
            throw new StreamLimitException("max_event_bytes", _maxEventBytes, $"an event of more than {_maxEventBytes} bytes of data");
        if (_dataLength + bytes.Length > _data.Length)
            _data = Grow(_data, _dataLength, Math.Min(Math.Max(_dataLength + bytes.Length, _data.Length * 2), _maxEventBytes));
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
        // The buffer only ever holds one unfinished line (plus whole lines not yet taken), so it never needs more
        // than a line's limit and a byte to see that the limit is passed.
        var capacity = _maxLineBytes + 1;
        if (_end == _buffer.Length && _buffer.Length < capacity)
            _buffer = Grow(_buffer, _end, Math.Min(_buffer.Length * 2, capacity));
        var window = Math.Min(_buffer.Length, capacity) - _end;
        if (window <= 0)
            throw new StreamLimitException("max_event_bytes", _maxEventBytes, $"a line of more than {_maxEventBytes} bytes without a newline");
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end, window), cancellationToken).ConfigureAwait(false);
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
            _start = _end = _scanned = 0;
            await FillAsync(cancellationToken).ConfigureAwait(false);
            drained += _end;
        }
        return _endOfStream;
    }

    private static byte[] Grow(byte[] old, int used, int needed)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(needed);
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
