using System.Text;
using System.Text.Unicode;
using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// The text bytes of each token, and a cache of the pieces that are whole UTF-8 on their own, so a streamed token
/// costs no string allocation once its piece has been seen. Shared by every reader of a backend: the vocabulary is
/// immutable once loaded (llama_token_to_piece only reads it), a cache slot is one reference written whole, and two
/// readers filling the same slot at once store equal strings; each caller brings its own byte buffer.
/// </summary>
internal sealed unsafe class TokenPieces(nint vocabulary, int vocabularySize)
{
    /// <summary>Marks a cached piece that is not whole UTF-8 (half of a multi-byte character): callers join it with its neighbours.</summary>
    private static readonly string NotWhole = new('\uFFFF', 1);

    private readonly string?[] _whole = new string?[vocabularySize];

    /// <summary>The piece as a string when it is whole UTF-8 by itself.</summary>
    public bool TryGetWhole(int token, ref byte[] buffer, out string text)
    {
        var cached = Volatile.Read(ref _whole[token]);
        if (cached is null)
        {
            var bytes = Bytes(token, ref buffer);
            cached = Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : NotWhole;
            Volatile.Write(ref _whole[token], cached);
        }
        text = cached;
        return !ReferenceEquals(cached, NotWhole);
    }

    /// <summary>The piece's bytes in <paramref name="buffer"/> (grown when too small), valid until its next use. Control tokens (end of turn, ...) have none.</summary>
    public ReadOnlySpan<byte> Bytes(int token, ref byte[] buffer)
    {
        while (true)
        {
            int length;
            fixed (byte* start = buffer)
                length = LlamaNative.llama_token_to_piece(vocabulary, token, start, buffer.Length, 0, special: false);
            if (length >= 0)
                return buffer.AsSpan(0, length);
            buffer = new byte[-length];
        }
    }
}
