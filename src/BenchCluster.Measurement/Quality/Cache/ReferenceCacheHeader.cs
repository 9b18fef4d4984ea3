using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Quality.Scoring;

namespace BenchCluster.Measurement.Quality.Cache;

/// <summary>
/// The header of a reference log-probability cache file (docs/quality.md, "Reference cache"): magic "BCQLOGP\0",
/// format version, vocabulary size, window size, windows, scored tokens per window, the quantization range, the
/// 32-byte key, the reference's vocabulary identity (token texts' SHA-256, architecture, tokenizer model).
/// All integers little-endian.
/// </summary>
public sealed record ReferenceCacheHeader(byte[] Key, VocabularyIdentity Vocabulary, int ContextTokens, int Windows, int ScoredPerWindow)
{
    public const int Version = 2;
    private const int MaxNameBytes = 256;
    private static readonly byte[] Magic = "BCQLOGP\0"u8.ToArray();

    public long Rows => (long)Windows * ScoredPerWindow;

    public long RowBytes => ReferenceRow.Bytes(Vocabulary.Size);

    /// <summary>The whole file: header, rows, and the trailing SHA-256 of everything before it.</summary>
    public long FileBytes => Encode().Length + Rows * RowBytes + SHA256.HashSizeInBytes;

    /// <summary>SHA-256 over what the reference's log-probabilities depend on.</summary>
    public static byte[] ComputeKey(string referenceSha256, string corpusSha256, int contextTokens, int windows) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(
            $"benchcluster-quality-reference v{Version}\nreference {referenceSha256}\ncorpus {corpusSha256}\n" +
            $"context {contextTokens}\nwindows {windows}\nrange {ReferenceRow.Range}\n"));

    public byte[] Encode()
    {
        var architecture = Name(Vocabulary.Architecture);
        var tokenizer = Name(Vocabulary.TokenizerModel);
        var bytes = new byte[Magic.Length + 4 * 5 + 8 + 32 + 32 + 2 + architecture.Length + 2 + tokenizer.Length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        var at = Magic.Length;
        foreach (var value in new[] { Version, Vocabulary.Size, ContextTokens, Windows, ScoredPerWindow })
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], value);
            at += 4;
        }
        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], ReferenceRow.Range);
        at += 8;
        Key.CopyTo(span[at..]);
        at += 32;
        Convert.FromHexString(Vocabulary.TokenTextsSha256).CopyTo(span[at..]);
        at += 32;
        foreach (var name in new[] { architecture, tokenizer })
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)name.Length);
            name.CopyTo(span[(at + 2)..]);
            at += 2 + name.Length;
        }
        return bytes;
    }

    /// <summary>Reads a header; null when the bytes are not one this version wrote.</summary>
    public static ReferenceCacheHeader? Decode(Stream stream)
    {
        var fixedPart = new byte[Magic.Length + 4 * 5 + 8 + 32 + 32];
        if (stream.ReadAtLeast(fixedPart, fixedPart.Length, throwOnEndOfStream: false) != fixedPart.Length || !fixedPart.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            return null;
        var span = fixedPart.AsSpan(Magic.Length);
        int Int(int index) => BinaryPrimitives.ReadInt32LittleEndian(fixedPart.AsSpan(Magic.Length + index * 4));
        if (Int(0) != Version || BinaryPrimitives.ReadDoubleLittleEndian(span[20..]) != ReferenceRow.Range)
            return null;
        var (vocabulary, context, windows, scored) = (Int(1), Int(2), Int(3), Int(4));
        if (vocabulary < 1 || context < 4 || windows < 1 || scored != context - 1 - context / 2)
            return null;
        var key = span.Slice(28, 32).ToArray();
        var texts = Convert.ToHexStringLower(span.Slice(60, 32));
        var architecture = ReadName(stream);
        var tokenizer = architecture is null ? null : ReadName(stream);
        return tokenizer is null ? null
            : new ReferenceCacheHeader(key, new VocabularyIdentity(architecture!, vocabulary, tokenizer, texts), context, windows, scored);
    }

    private static byte[] Name(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return bytes.Length <= MaxNameBytes ? bytes : throw new ArgumentException($"'{value}' is longer than {MaxNameBytes} bytes.");
    }

    private static string? ReadName(Stream stream)
    {
        Span<byte> length = stackalloc byte[2];
        if (stream.ReadAtLeast(length, 2, throwOnEndOfStream: false) != 2)
            return null;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(length);
        if (count > MaxNameBytes)
            return null;
        var bytes = new byte[count];
        return stream.ReadAtLeast(bytes, count, throwOnEndOfStream: false) == count ? Encoding.UTF8.GetString(bytes) : null;
    }
}
