using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Native;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Engine.Benchmarking;

/// <summary>
/// The loops llama-bench (test_prompt, test_gen) and llama-batched-bench run, written directly against the C API on a
/// session's context and decode thread: no traces, no per-token timestamps, no sampling, no async hop. Timing our API
/// against them in the same process, repetition by repetition, isolates what the binding costs from machine noise.
/// </summary>
internal static unsafe class ReferenceLoops
{
    /// <summary>Prompt decode in n_batch chunks with positions left to llama.cpp (llama_batch_get_one); returns nanoseconds.</summary>
    public static long Prompt(SessionDecoder decoder, int[] tokens)
    {
        decoder.Clear();
        var start = MonotonicClock.NowNs();
        fixed (int* first = tokens)
        {
            for (var offset = 0; offset < tokens.Length; offset += decoder.BatchSize)
            {
                var chunk = new LlamaBatch { n_tokens = Math.Min(decoder.BatchSize, tokens.Length - offset), token = first + offset };
                Check(LlamaNative.llama_decode(decoder.Context, chunk));
            }
        }
        LlamaNative.llama_synchronize(decoder.Context);
        return MonotonicClock.NowNs() - start;
    }

    /// <summary>One token per decode, the next one drawn at random; returns nanoseconds.</summary>
    public static long Generation(SessionDecoder decoder, int count, Random random)
    {
        decoder.Clear();
        var token = decoder.StartToken;
        var start = MonotonicClock.NowNs();
        for (var i = 0; i < count; i++)
        {
            Check(LlamaNative.llama_decode(decoder.Context, new LlamaBatch { n_tokens = 1, token = &token }));
            LlamaNative.llama_synchronize(decoder.Context);
            token = random.Next(decoder.VocabularySize);
        }
        return MonotonicClock.NowNs() - start;
    }

    /// <summary>llama-batched-bench's non-shared case: every prompt in n_batch views, then one decode per step over all sequences.</summary>
    public static long Batched(SessionDecoder decoder, int sequences, int promptTokens, int steps, Random random)
    {
        decoder.Clear();
        var batch = decoder.Batch;
        var start = MonotonicClock.NowNs();
        batch.Clear();
        for (var s = 0; s < sequences; s++)
        {
            for (var i = 0; i < promptTokens; i++)
            {
                batch.Add(random.Next(decoder.VocabularySize), i, s, output: i == promptTokens - 1);
                if (batch.Count == decoder.BatchSize)
                    DecodeAndClear(decoder, batch);
            }
        }
        if (batch.Count > 0)
            DecodeAndClear(decoder, batch);
        for (var step = 0; step < steps; step++)
        {
            for (var s = 0; s < sequences; s++)
                batch.Add(random.Next(decoder.VocabularySize), promptTokens + step, s, output: true);
            DecodeAndClear(decoder, batch);
        }
        return MonotonicClock.NowNs() - start;
    }

    private static void DecodeAndClear(SessionDecoder decoder, NativeBatch batch)
    {
        Check(LlamaNative.llama_decode(decoder.Context, batch.Value));
        LlamaNative.llama_synchronize(decoder.Context);
        batch.Clear();
    }

    private static void Check(int result)
    {
        if (result != 0)
            throw new InferenceException($"llama_decode failed with code {result} in a reference loop.", InferenceErrorKind.NativeFailure);
    }
}
