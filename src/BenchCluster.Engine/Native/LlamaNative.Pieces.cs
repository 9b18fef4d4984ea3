using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>Token to text piece, for streaming a completion's text token by token (the continuous batcher).</summary>
internal static unsafe partial class LlamaNative
{
    /// <summary>
    /// Writes the bytes of one token's piece (no terminator). Returns the byte count, or minus the size needed when
    /// <paramref name="length"/> is too small. <paramref name="special"/> false renders control tokens as nothing.
    /// </summary>
    [LibraryImport(Lib)]
    public static partial int llama_token_to_piece(
        nint vocab, int token, byte* buffer, int length, int lstrip, [MarshalAs(UnmanagedType.U1)] bool special);
}
