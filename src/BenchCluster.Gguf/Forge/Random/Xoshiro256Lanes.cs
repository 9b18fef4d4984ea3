using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BenchCluster.Gguf.Forge.Random;

/// <summary>
/// Four independent xoshiro256** generators advanced together in 256-bit vectors: 32 random bytes per step with
/// shifts, adds and xors only (the *5 and *9 of the scrambler are shift-adds), so filling gigabytes of weights costs
/// less than writing them. Seeded through SplitMix64, as the xoshiro authors recommend.
/// </summary>
internal sealed class Xoshiro256Lanes
{
    private const int BytesPerStep = 32;

    private Vector256<ulong> _s0;
    private Vector256<ulong> _s1;
    private Vector256<ulong> _s2;
    private Vector256<ulong> _s3;

    public Xoshiro256Lanes(ulong seed)
    {
        var state = seed;
        Span<ulong> words = stackalloc ulong[16];
        for (var i = 0; i < words.Length; i++)
            words[i] = SplitMix64(ref state);
        _s0 = Vector256.Create(words[0], words[1], words[2], words[3]);
        _s1 = Vector256.Create(words[4], words[5], words[6], words[7]);
        _s2 = Vector256.Create(words[8], words[9], words[10], words[11]);
        _s3 = Vector256.Create(words[12], words[13], words[14], words[15]);
    }

    /// <summary>A generator for one stream of a seeded family (e.g. one tensor), independent of the others.</summary>
    public static Xoshiro256Lanes ForStream(ulong seed, ulong stream)
    {
        var mixed = seed;
        var first = SplitMix64(ref mixed);
        return new Xoshiro256Lanes(first ^ (stream * 0xD1B54A32D192ED03UL) ^ 0x6A09E667F3BCC909UL);
    }

    /// <summary>Fills the span; a tail shorter than a step consumes a whole step, so results depend on span lengths too.</summary>
    public void Fill(Span<byte> destination)
    {
        var words = MemoryMarshal.Cast<byte, Vector256<ulong>>(destination);
        for (var i = 0; i < words.Length; i++)
            words[i] = Next();
        var tail = destination[(words.Length * BytesPerStep)..];
        if (!tail.IsEmpty)
        {
            Span<byte> last = stackalloc byte[BytesPerStep];
            MemoryMarshal.Write(last, Next());
            last[..tail.Length].CopyTo(tail);
        }
    }

    public ulong NextUInt64() => Next().GetElement(0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<ulong> Next()
    {
        var s1Times5 = (_s1 << 2) + _s1;
        var rotated = (s1Times5 << 7) | (s1Times5 >>> 57);
        var result = (rotated << 3) + rotated;

        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = (_s3 << 45) | (_s3 >>> 19);
        return result;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
