using System.Security.Cryptography;

namespace BenchCluster.Measurement.Quality.Cache;

/// <summary>
/// Reference log-probabilities kept under a folder of the data folder, one file per reference × corpus × context ×
/// windows, named by the SHA-256 key of those inputs. A file is written under a temporary name and renamed when
/// complete, so a half-written cache is never read; a file whose length, header or checksum is wrong is deleted and
/// reported as a miss, so it is recomputed.
/// </summary>
public sealed class ReferenceLogProbCache(string folder, long maxBytes)
{
    public const string Extension = ".bcqref";
    /// <summary>Bound on one cache file unless the worker sets another (BENCHCLUSTER_QUALITY_CACHE_MAX_BYTES).</summary>
    public const long DefaultMaxBytes = 4L << 30;
    public const string MaxBytesVariable = "BENCHCLUSTER_QUALITY_CACHE_MAX_BYTES";

    public string Folder { get; } = folder;

    public long MaxBytes { get; } = maxBytes;

    public string PathFor(ReferenceCacheHeader header) => Path.Combine(Folder, Convert.ToHexStringLower(header.Key) + Extension);

    /// <summary>Refuses, before any compute, a cache file that would exceed <see cref="MaxBytes"/>.</summary>
    public void CheckSize(ReferenceCacheHeader header, string referenceName)
    {
        var bytes = header.FileBytes;
        if (bytes > MaxBytes)
            throw new QualityInputException(referenceName,
                $"The reference log-probabilities of {referenceName} for {header.Windows} windows of {header.ContextTokens} tokens " +
                $"over a vocabulary of {header.Vocabulary.Size} need {bytes:N0} bytes, over the cache bound of {MaxBytes:N0}: " +
                $"lower quality.maxWindows to at most {Math.Max(1, header.Windows * MaxBytes / bytes)} or raise {MaxBytesVariable} on the worker.");
    }

    /// <summary>
    /// An intact cache for <paramref name="expected"/>, positioned at its first row; null (with why) on a miss. A
    /// sound cache of this reference whose vocabulary differs from the model's is refused without loading the reference.
    /// </summary>
    public ReferenceCacheReader? TryOpen(ReferenceCacheHeader expected, string referenceName, out string? problem)
    {
        var path = PathFor(expected);
        problem = null;
        if (!File.Exists(path))
            return null;
        var stored = ReadHeader(path);
        if (stored is not null && stored.Key.AsSpan().SequenceEqual(expected.Key) && stored.Vocabulary.Difference(expected.Vocabulary) is { } difference
            && Verify(path, expected with { Vocabulary = stored.Vocabulary }) is null)
            throw new QualityInputException(referenceName,
                $"The reference {referenceName} (its cached log-probabilities {path}) cannot be compared with this model: {difference}. " +
                "Name a reference of the same architecture and tokenizer (the model's F16/BF16 parent) as quality.reference.");
        problem = Verify(path, expected);
        if (problem is null)
            return ReferenceCacheReader.Open(path, expected);
        File.Delete(path);
        return null;
    }

    public ReferenceCacheWriter Create(ReferenceCacheHeader header, string referenceName)
    {
        CheckSize(header, referenceName);
        Directory.CreateDirectory(Folder);
        return new ReferenceCacheWriter(PathFor(header), header);
    }

    private static ReferenceCacheHeader? ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReferenceCacheHeader.Decode(stream);
    }

    private static string? Verify(string path, ReferenceCacheHeader expected)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        if (stream.Length != expected.FileBytes)
            return $"{path} holds {stream.Length:N0} bytes, not the {expected.FileBytes:N0} its inputs need (truncated or foreign)";
        var header = ReferenceCacheHeader.Decode(stream);
        if (header is null || !header.Key.AsSpan().SequenceEqual(expected.Key) || header.Vocabulary != expected.Vocabulary
            || header.ContextTokens != expected.ContextTokens || header.Windows != expected.Windows)
            return $"{path} has a header that does not match its name";
        stream.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var remaining = stream.Length - SHA256.HashSizeInBytes;
        while (remaining > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
                return $"{path} ended early";
            hash.AppendData(buffer, 0, read);
            remaining -= read;
        }
        var stored = new byte[SHA256.HashSizeInBytes];
        stream.ReadExactly(stored);
        return hash.GetHashAndReset().AsSpan().SequenceEqual(stored) ? null : $"{path} fails its SHA-256 checksum (corrupt)";
    }
}
