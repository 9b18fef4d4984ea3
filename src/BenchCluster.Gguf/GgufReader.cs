using BenchCluster.Gguf.Format;
using BenchCluster.Gguf.Reading;

namespace BenchCluster.Gguf;

/// <summary>
/// Reads and checks a GGUF header: magic, version, metadata and tensor infos, with every count, length, type and
/// offset checked against the file before use. Throws only <see cref="GgufFormatException"/>.
/// </summary>
public static class GgufReader
{
    private const int FixedHeaderBytes = 24;
    // Smallest possible encodings: key length + 1-byte key + type + 1-byte value; name length + n_dims + type + offset.
    private const int MinMetadataEntryBytes = 8 + 1 + 4 + 1;
    private const int MinTensorInfoBytes = 8 + 4 + 4 + 8;
    private const uint OldestSupportedVersion = 2;

    public static GgufFile Read(string path, GgufReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var detail = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : $"the file cannot be opened ({e.Message})";
            throw new GgufFormatException(path, GgufProblem.Unreadable, detail, fix: "Check the path and the file's permissions.", inner: e);
        }
        using (stream)
            return Read(stream, path, limits);
    }

    /// <summary>Reads from a seekable stream, from its start; <paramref name="sourceName"/> names it in errors.</summary>
    public static GgufFile Read(Stream stream, string sourceName, GgufReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
            throw new ArgumentException("The stream must be seekable (its length bounds every read).", nameof(stream));
        try
        {
            stream.Position = 0;
            var cursor = new GgufCursor(stream, sourceName, stream.Length);
            return ReadHeader(cursor, limits ?? GgufReadLimits.Default);
        }
        catch (IOException e)
        {
            throw new GgufFormatException(sourceName, GgufProblem.Unreadable, $"reading failed ({e.Message})",
                fix: "Check the disk and retry.", inner: e);
        }
    }

    private static GgufFile ReadHeader(GgufCursor cursor, GgufReadLimits limits)
    {
        ReadMagic(cursor);
        var version = ReadVersion(cursor);
        var tensorCount = ReadCount(cursor, "tensor count", limits.MaxTensors, MinTensorInfoBytes);
        var entryCount = ReadCount(cursor, "metadata entry count", limits.MaxMetadataEntries, MinMetadataEntryBytes);
        if ((long)tensorCount * MinTensorInfoBytes + (long)entryCount * MinMetadataEntryBytes > cursor.Remaining)
            throw cursor.Error(GgufProblem.AbsurdCount,
                $"{tensorCount} tensors and {entryCount} metadata entries cannot fit in the {cursor.Remaining} bytes left", 8);

        var metadata = new List<GgufMetadataEntry>(entryCount);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entryCount; i++)
        {
            var entryStart = cursor.Position;
            var entry = GgufValueReader.ReadEntry(cursor, i, limits);
            if (!keys.Add(entry.Key))
                throw cursor.Error(GgufProblem.DuplicateKey, $"metadata key '{entry.Key}' appears twice", entryStart);
            metadata.Add(entry);
        }

        var alignment = ReadAlignment(cursor, metadata);
        var tensors = GgufTensorInfoReader.ReadAll(cursor, tensorCount);
        var dataOffset = tensorCount == 0 ? cursor.Position : AlignUp(cursor.Position, alignment);
        var placed = GgufTensorInfoReader.Place(cursor, tensors, dataOffset, alignment);
        return new GgufFile(cursor.Source, version, alignment, dataOffset, cursor.Length, metadata, placed);
    }

    private static void ReadMagic(GgufCursor cursor)
    {
        if (cursor.Length < 4)
            throw cursor.Error(GgufProblem.NotGguf, $"the file has {cursor.Length} bytes, too few for the 'GGUF' magic", 0,
                "Pass a .gguf model file.");
        var magic = cursor.ReadUInt32("the magic");
        if (magic != GgufConstants.Magic)
        {
            var bytes = BitConverter.GetBytes(magic);
            var shown = new string(bytes.Select(b => b is >= 0x20 and < 0x7f ? (char)b : '?').ToArray());
            throw cursor.Error(GgufProblem.NotGguf,
                $"it starts with '{shown}' ({Convert.ToHexString(bytes)}) instead of the GGUF magic 'GGUF'", 0,
                "Pass a .gguf model file (safetensors or PyTorch checkpoints must be converted with llama.cpp's convert_hf_to_gguf.py first).");
        }
        cursor.Require(FixedHeaderBytes - 4, "the header (version, tensor count, metadata count)");
    }

    private static uint ReadVersion(GgufCursor cursor)
    {
        var at = cursor.Position;
        var version = cursor.ReadUInt32("the version");
        if (version != 0 && (version & 0xFFFF) == 0)
            throw cursor.Error(GgufProblem.UnsupportedVersion,
                $"version field 0x{version:X8} looks byte-swapped: the file is big-endian", at,
                "Use a little-endian GGUF file.");
        if (version < OldestSupportedVersion || version > GgufConstants.Version)
            throw cursor.Error(GgufProblem.UnsupportedVersion,
                $"GGUF version {version} is not supported (the pinned llama.cpp reads versions {OldestSupportedVersion} and {GgufConstants.Version})", at,
                "Re-convert the model with a current llama.cpp.");
        return version;
    }

    private static int ReadCount(GgufCursor cursor, string what, int max, int minBytesEach)
    {
        var at = cursor.Position;
        var count = cursor.ReadInt64(what);
        if (count < 0 || count > max)
            throw cursor.Error(GgufProblem.AbsurdCount, $"the {what} is {count}, outside 0..{max}", at);
        if (count * minBytesEach > cursor.Remaining)
            throw cursor.Error(GgufProblem.AbsurdCount,
                $"the {what} is {count}, but the {cursor.Remaining} bytes left cannot hold that many entries", at);
        return (int)count;
    }

    private static uint ReadAlignment(GgufCursor cursor, List<GgufMetadataEntry> metadata)
    {
        var entry = metadata.Find(e => e.Key == GgufConstants.AlignmentKey);
        if (entry is null)
            return GgufConstants.DefaultAlignment;
        if (entry.Value.Raw is not uint alignment)
            throw cursor.Error(GgufProblem.InvalidMetadata,
                $"'{GgufConstants.AlignmentKey}' must be a uint32 but is {entry.Value.Type}", offset: null);
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            throw cursor.Error(GgufProblem.InvalidMetadata,
                $"'{GgufConstants.AlignmentKey}' is {alignment}, not a power of two", offset: null);
        return alignment;
    }

    internal static long AlignUp(long value, uint alignment) => (value + alignment - 1) / alignment * alignment;
}
