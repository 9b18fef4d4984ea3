namespace BenchCluster.Measurement.Quality.Cache;

/// <summary>Reads a verified cache file's rows in order, one window's scored positions after another.</summary>
public sealed class ReferenceCacheReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly long _rowBytes;

    private ReferenceCacheReader(FileStream stream, ReferenceCacheHeader header)
    {
        _stream = stream;
        _rowBytes = header.RowBytes;
        Path = stream.Name;
    }

    public string Path { get; }

    internal static ReferenceCacheReader Open(string path, ReferenceCacheHeader header)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        stream.Position = header.Encode().Length;
        return new ReferenceCacheReader(stream, header);
    }

    /// <summary>Fills <paramref name="row"/> with the next row.</summary>
    public void ReadRow(Span<byte> row)
    {
        if (row.Length != _rowBytes)
            throw new ArgumentException($"A row holds {_rowBytes} bytes, not {row.Length}.", nameof(row));
        _stream.ReadExactly(row);
    }

    public void Dispose() => _stream.Dispose();
}
