using System.Buffers.Binary;
using System.Text.Json;

namespace BenchCluster.EngineProcess.Protocol;

/// <summary>
/// Length-prefixed JSON messages over a stream (4-byte little-endian length, then UTF-8 JSON).
/// Reads are single-reader, writes are serialized by a lock, so replies and cancellations can interleave.
/// </summary>
public sealed class MessageChannel(Stream stream) : IAsyncDisposable
{
    /// <summary>A message larger than this is a protocol error, not a reason to allocate (a measurement of 100k samples is far below it).</summary>
    public const int MaxMessageBytes = 256 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public async Task SendAsync(EngineMessage message, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var header = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(header, cancellationToken);
            await stream.WriteAsync(body, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The next message, or null when the other side closed the connection.</summary>
    public async Task<EngineMessage?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var header = new byte[sizeof(int)];
        if (!await ReadExactlyOrEndAsync(header, cancellationToken))
            return null;
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length <= 0 || length > MaxMessageBytes)
            throw new InvalidDataException($"engine protocol: message length {length} is outside 1..{MaxMessageBytes} bytes");
        var body = new byte[length];
        if (!await ReadExactlyOrEndAsync(body, cancellationToken))
            throw new EndOfStreamException("engine protocol: connection closed in the middle of a message");
        return JsonSerializer.Deserialize<EngineMessage>(body, Json)
            ?? throw new InvalidDataException("engine protocol: empty message");
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
                return read == 0 ? false : throw new EndOfStreamException("engine protocol: connection closed in the middle of a message");
            read += n;
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        _writeLock.Dispose();
    }
}
