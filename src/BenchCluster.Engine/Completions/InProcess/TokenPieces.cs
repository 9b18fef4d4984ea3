using System.Text;
using System.Text.Unicode;
using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// The text bytes of each token, and a cache of the pieces that are whole UTF-8 on their own, so a streamed token
/// costs no string allocation once its piece has been seen. Decode thread only.
/// </summary>
internal sealed unsafe class TokenPieces(nint vocabulary, int vocabularySize)
{
    /// <summary>Marks a cached piece that is not whole UTF-8 (half of a multi-byte character): callers join it with its neighbours.</summary>
    private static readonly string NotWhole = new('\uFFFF', 1);

    private readonly string?[] _whole = new string?[vocabularySize];
    private byte[] _buffer = new byte[64];

    /// <summary>The piece as a string when it is whole UTF-8 by itself.</summary>
    public bool TryGetWhole(int token, out string text)
    {
        var cached = _whole[token];
        if (cached is null)
        {
            var bytes = Bytes(token);
            cached = _whole[token] = Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : NotWhole;
        }
        text = cached;
        return !ReferenceEquals(cached, NotWhole);
    }

    /// <summary>The piece's bytes, valid until the next call. Control tokens (end of turn, ...) have none.</summary>
    public ReadOnlySpan<byte> Bytes(int token)
    {
        while (true)
        {
            int length;
            fixed (byte* buffer = _buffer)
                length = LlamaNative.llama_token_to_piece(vocabulary, token, buffer, _buffer.Length, 0, special: false);
            if (length >= 0)
                return _buffer.AsSpan(0, length);
            _buffer = new byte[-length];
        }
    }
}
