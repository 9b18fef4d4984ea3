using System.Security.Cryptography;

namespace BenchCluster.Measurement.Quality.Cache;

/// <summary>Writes a cache file under a temporary name; <see cref="Commit"/> appends the checksum and renames it into place.</summary>
public sealed class ReferenceCacheWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ReferenceCacheHeader _header;
    private long _rows;
    private bool _committed;

    internal ReferenceCacheWriter(string path, ReferenceCacheHeader header)
    {
        _path = path;
        _header = header;
        _temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        Append(header.Encode());
    }

    public string Path => _path;

    public void WriteRow(ReadOnlySpan<byte> row)
    {
        if (row.Length != _header.RowBytes)
            throw new ArgumentException($"A row holds {_header.RowBytes} bytes, not {row.Length}.", nameof(row));
        if (_rows == _header.Rows)
            throw new InvalidOperationException($"The cache holds {_header.Rows} rows; no more fit.");
        Append(row);
        _rows++;
    }

    public void Commit()
    {
        if (_rows != _header.Rows)
            throw new InvalidOperationException($"The cache got {_rows} of its {_header.Rows} rows.");
        _stream.Write(_hash.GetHashAndReset());
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _hash.AppendData(bytes);
    }

    /// <summary>Without a commit, the temporary file is removed: no reader ever sees a partial cache.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        _hash.Dispose();
        if (!_committed && File.Exists(_temporary))
            File.Delete(_temporary);
    }
}
