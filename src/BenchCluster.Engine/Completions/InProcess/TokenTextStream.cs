using System.Text;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// One sequence's text, token by token. A character split across tokens (UTF-8 bytes of emoji or CJK often are)
/// is held back until its last byte arrives, so every chunk's text is valid on its own, as llama-server streams it.
/// One per request, used by its reader only.
/// </summary>
internal sealed class TokenTextStream
{
    /// <summary>A UTF-8 character is at most four bytes, so at most three can wait for the rest.</summary>
    private const int MaxPendingBytes = 3;

    private byte[] _scratch = new byte[64];
    private byte[] _piece = new byte[64];
    private int _pending;

    /// <summary>The text this token completes ("" while a character is still incomplete).</summary>
    public string Next(int token, TokenPieces pieces)
    {
        if (_pending == 0 && pieces.TryGetWhole(token, ref _piece, out var whole))
            return whole;

        var piece = pieces.Bytes(token, ref _piece);
        var total = _pending + piece.Length;
        if (_scratch.Length < total)
            Array.Resize(ref _scratch, Math.Max(total, _scratch.Length * 2));
        piece.CopyTo(_scratch.AsSpan(_pending));

        var complete = CompletePrefix(_scratch.AsSpan(0, total));
        var text = complete == 0 ? "" : Encoding.UTF8.GetString(_scratch, 0, complete);
        _pending = total - complete;
        _scratch.AsSpan(complete, _pending).CopyTo(_scratch);
        return text;
    }

    /// <summary>Bytes still held back when the sequence ends, as text (an unfinished character becomes U+FFFD).</summary>
    public string Flush()
    {
        var text = _pending == 0 ? "" : Encoding.UTF8.GetString(_scratch, 0, _pending);
        _pending = 0;
        return text;
    }

    /// <summary>Length of the prefix that ends on a character boundary: only an unfinished last character is cut off.</summary>
    private static int CompletePrefix(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(MaxPendingBytes, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
                continue; // a continuation byte: its lead byte is further back
            var needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }
        return bytes.Length;
    }
}
