using System.Security.Cryptography;

namespace BenchCluster.Measurement.Workloads.Inputs;

/// <summary>
/// Reads a file forward while hashing every byte and refusing to go past a size bound: the SHA-256 is of exactly the
/// bytes that were parsed, and a file that grows while it is read still stops at the bound.
/// </summary>
internal sealed class HashingReadStream(Stream inner, string name, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    /// <summary>Opens a resolved file, refusing an empty one or one above <paramref name="maxBytes"/> before reading it.</summary>
    public static HashingReadStream Open(string fullPath, string name, long maxBytes)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkloadInputException(name, $"{name}: cannot be read ({e.Message}); check the file and that the user BenchCluster runs as may read it");
        }
        if (stream.Length == 0 || stream.Length > maxBytes)
        {
            var length = stream.Length;
            stream.Dispose();
            throw new WorkloadInputException(name, length == 0
                ? $"{name}: the file is empty; name a file with at least one record"
                : $"{name}: the file is {length:N0} bytes, above the bound of {maxBytes:N0} bytes; use a smaller file");
        }
        return new HashingReadStream(stream, name, maxBytes);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        return Hashed(buffer[..n]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return Hashed(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads the rest of the file through the hash, so the SHA-256 names the whole file.</summary>
    public string FinishSha256()
    {
        var buffer = new byte[81920];
        while (Read(buffer) > 0)
        {
        }
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Hashed(ReadOnlySpan<byte> read)
    {
        BytesRead += read.Length;
        if (BytesRead > maxBytes)
            throw new WorkloadInputException(name, $"{name}: the file is larger than the bound of {maxBytes:N0} bytes; use a smaller file (max_entries keeps only its first entries anyway)");
        _hash.AppendData(read);
        return read.Length;
    }
}
