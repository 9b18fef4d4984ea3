using System.Security.Cryptography;
using System.Text;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Quality;

/// <summary>
/// Reads a corpus or task file whole, under a size bound, and decodes it as strict UTF-8: the SHA-256 in the
/// provenance is of exactly the bytes that were scored.
/// </summary>
internal static class QualityFileBytes
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A file a suite names, under the node's workload data folder (<paramref name="root"/>, else
    /// BENCHCLUSTER_WORKLOAD_DATA): an absolute path, "..", a symbolic link or a node without the folder is refused,
    /// naming the file and the fix, so a suite cannot make a worker read any other file.
    /// </summary>
    public static byte[] ReadSuiteFile(string name, string? root, long maxBytes, string what)
    {
        string full;
        try
        {
            full = WorkloadDataFolder.Resolve(name, root ?? WorkloadDataFolder.Root);
        }
        catch (WorkloadInputException e)
        {
            // The kind of file leads, so a job's error names the field even where no suite error path is shown.
            throw new QualityInputException(name, e.Problems.Select(problem => $"{what} {problem}").ToList());
        }
        return Read(full, maxBytes, what, name);
    }

    /// <summary>
    /// The file's bytes; refuses a missing file, a folder and a file above <paramref name="maxBytes"/>. Messages name
    /// it as <paramref name="name"/> (the path as the user wrote it; <paramref name="path"/> when null).
    /// </summary>
    public static byte[] Read(string path, long maxBytes, string what, string? name = null)
    {
        name ??= path;
        if (string.IsNullOrWhiteSpace(path))
            throw new QualityInputException(name, $"the {what} path is empty; name a UTF-8 text file");
        if (Directory.Exists(path))
            throw new QualityInputException(name, $"{name}: is a folder, not a {what}; name a UTF-8 text file");
        if (!File.Exists(path))
            throw new QualityInputException(name, $"{name}: {what} not found; check the path (it is read on the node that runs the job)");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > maxBytes)
                throw TooLarge(name, stream.Length, maxBytes, what);
            // The length is read again through the stream: a file that grows after the check still stops at the bound.
            var buffer = new byte[(int)stream.Length];
            var read = 0;
            while (read < buffer.Length && stream.Read(buffer, read, buffer.Length - read) is var n and > 0)
                read += n;
            if (stream.ReadByte() >= 0)
                throw TooLarge(name, stream.Length, maxBytes, what);
            return read == buffer.Length ? buffer : buffer[..read];
        }
        catch (IOException e)
        {
            throw new QualityInputException(name, $"{name}: cannot read the {what} ({e.Message}); check the file and its permissions");
        }
        catch (UnauthorizedAccessException)
        {
            throw new QualityInputException(name, $"{name}: no permission to read the {what}; make it readable by the user BenchCluster runs as");
        }
    }

    /// <summary>The text without a UTF-8 byte-order mark; refuses bytes that are not UTF-8, naming the offset.</summary>
    public static string Decode(string path, byte[] bytes, string what)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(e.Index, 0);
            throw new QualityInputException(path, $"{path}: is not UTF-8 (invalid byte near offset {offset}); save the {what} as UTF-8 text");
        }
    }

    /// <summary>A file embedded in this assembly (the bundled corpus and task file).</summary>
    public static byte[] Embedded(string resourceName)
    {
        using var stream = typeof(QualityFileBytes).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded file {resourceName} is missing from the assembly; rebuild BenchCluster.Measurement.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static QualityInputException TooLarge(string path, long length, long maxBytes, string what) =>
        new(path, $"{path}: the {what} is {length:N0} bytes, above the bound of {maxBytes:N0} bytes; use a shorter file (the first part of it scores the same windows)");
}
