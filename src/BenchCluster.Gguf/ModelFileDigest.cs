using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BenchCluster.Gguf;

/// <summary>
/// SHA-256 of a model file, computed once: an in-process cache keyed by path, size and modification time, then the
/// forge's <see cref="ModelDigestSidecar"/> when its size matches, then a streamed hash that is written back as a
/// sidecar when the folder allows it.
/// </summary>
public static class ModelFileDigest
{
    private static readonly ConcurrentDictionary<(string Path, long Size, DateTime ModifiedUtc), string> Cache = new();

    /// <summary>Lower-case hex SHA-256 of the file at <paramref name="path"/>.</summary>
    public static async Task<string> GetSha256Async(string path, CancellationToken cancellationToken = default)
    {
        // A model folder may hold links to the files: hash, cache and record the file itself, not the link.
        var link = new FileInfo(path);
        var file = link.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? link;
        var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
        if (Cache.TryGetValue(key, out var cached))
            return cached;

        var digest = ModelDigestSidecar.TryRead(file.FullName) ?? await HashAsync(file, cancellationToken);
        Cache[key] = digest;
        return digest;
    }

    private static async Task<string> HashAsync(FileInfo file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read,
            bufferSize: 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        TryWriteSidecar(file, digest);
        return digest;
    }

    private static void TryWriteSidecar(FileInfo file, string digest)
    {
        try
        {
            ModelDigestSidecar.Write(file.FullName, digest, file.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only model folder: the in-process cache still saves the next hash.
        }
    }
}
