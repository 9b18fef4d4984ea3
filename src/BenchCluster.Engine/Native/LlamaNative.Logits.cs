using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>Logits and token texts, for quality scoring (perplexity, KL-divergence) and vocabulary comparison.</summary>
internal static unsafe partial class LlamaNative
{
    /// <summary>
    /// The n_vocab logits of output <paramref name="index"/> of the last decode (negative counts from the end); null
    /// when that index produced no output. The row lives until the next decode.
    /// </summary>
    [LibraryImport(Lib)]
    public static partial float* llama_get_logits_ith(SafeLlamaContextHandle context, int index);

    /// <summary>The token's text as the vocabulary stores it (owned by the model).</summary>
    [LibraryImport(Lib)]
    public static partial byte* llama_vocab_get_text(nint vocab, int token);
}
