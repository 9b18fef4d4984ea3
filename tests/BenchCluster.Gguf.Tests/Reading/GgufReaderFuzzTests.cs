using System.Buffers.Binary;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Gguf.Tests.Reading;

/// <summary>
/// Random mutations of a valid file: the reader and validator must reject every broken one with their own error,
/// never another exception, and allocate no more than a small multiple of the input's size while doing so.
/// </summary>
public sealed class GgufReaderFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 12_000;
    private const int Seed = 20_261_123;

    // Allocation bound per parse: the cursor buffer and headers of what was read, proportional to the input; the
    // constant covers exception objects and their messages.
    private const long AllocationBytesPerInputByte = 16;
    private const long AllocationAllowanceBytes = 64 * 1024;

    private static readonly long[] InterestingValues =
        [0, 1, -1, 2, 3, 4, 8, 12, 13, 31, 32, 33, 255, 256, 511, 512, 513, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
         1L << 32, 1L << 40, 1L << 62, long.MaxValue, long.MinValue];

    [Fact]
    public void Mutated_files_are_rejected_with_format_errors_only_and_bounded_allocation()
    {
        var random = new Random(Seed);
        var original = SampleGguf.Bytes;
        var failures = new List<string>();
        var problems = new HashSet<GgufProblem>();
        var accepted = 0;
        long worstAllocation = 0;

        for (var i = 0; i < Cases; i++)
        {
            var mutated = Mutate(original, random);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                GgufValidator.Validate(SampleGguf.Read(mutated));
                accepted++;
            }
            catch (GgufFormatException e)
            {
                problems.Add(e.Problem);
            }
            catch (Exception e)
            {
                failures.Add($"case {i}: {e.GetType().Name}: {e.Message}\n{Convert.ToBase64String(mutated)}");
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            worstAllocation = Math.Max(worstAllocation, allocated);
            if (allocated > AllocationBytesPerInputByte * mutated.Length + AllocationAllowanceBytes)
                failures.Add($"case {i}: allocated {allocated} bytes for a {mutated.Length}-byte input");
        }

        output.WriteLine($"{Cases} cases on a {original.Length}-byte file: {accepted} accepted, rejections: {string.Join(", ", problems)}; worst allocation {worstAllocation} bytes");
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join("\n", failures.Take(3))}");
        // The mutations must reach past the magic: many kinds of rejection, and some files still valid.
        Assert.True(problems.Count >= 10, $"only {problems.Count} kinds of rejection: {string.Join(", ", problems)}");
        Assert.InRange(accepted, 1, Cases - 1);
        ReliabilityLog.BadInput(new BadInputRecord("gguf", "mutated copies of a valid GGUF file: bit flips, random bytes, boundary 32/64-bit integers, truncation, deletion, insertion", Cases,
            $"{Cases - accepted} rejected with a GgufFormatException ({problems.Count} kinds of problem), {accepted} still valid; never another exception; worst allocation {worstAllocation} bytes; reader and validator only, llama.cpp never called",
            nameof(Mutated_files_are_rejected_with_format_errors_only_and_bounded_allocation)));
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Length > 0; m++)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2 when at + 8 <= bytes.Length:
                    BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), InterestingValues[random.Next(InterestingValues.Length)]);
                    break;
                case 3 when at + 4 <= bytes.Length:
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)InterestingValues[random.Next(InterestingValues.Length)]);
                    break;
                case 4:
                    bytes = bytes[..at];
                    break;
                case 5:
                    var length = Math.Min(random.Next(1, 64), bytes.Length - at);
                    bytes = [.. bytes[..at], .. bytes[(at + length)..]];
                    break;
                default:
                    var insert = new byte[random.Next(1, 16)];
                    random.NextBytes(insert);
                    bytes = [.. bytes[..at], .. insert, .. bytes[at..]];
                    break;
            }
        }
        return bytes;
    }
}
