using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Inference;

/// <summary>
/// Logits over a window for quality scoring, as llama-perplexity decodes its chunks: one sequence from position 0,
/// chunks of n_batch, logits requested only for the scored positions, each row handed to the sink in place.
/// </summary>
internal sealed unsafe partial class SessionDecoder
{
    public void Score(IReadOnlyList<int> tokens, int firstScored, ILogitsSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(sink);
        if (tokens.Count < 1 || tokens.Count > ContextPerSequence)
            throw new InferenceException(
                $"A scoring window of {tokens.Count} tokens does not fit this session's {ContextPerSequence} tokens per sequence: use 1 to {ContextPerSequence} tokens or raise ContextSize.",
                InferenceErrorKind.InvalidArgument);
        if (firstScored < 0 || firstScored >= tokens.Count)
            throw new InferenceException(
                $"The first scored position {firstScored} lies outside the window of {tokens.Count} tokens: use 0 to {tokens.Count - 1}.",
                InferenceErrorKind.InvalidArgument);
        CheckTokens(tokens, "scoring window");

        LlamaNative.llama_memory_clear(_memory, true);
        Array.Clear(_positions);
        Array.Fill(_pendingTokens, NoToken);
        for (var chunkStart = 0; chunkStart < tokens.Count; chunkStart += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunkEnd = Math.Min(tokens.Count, chunkStart + BatchSize);
            _batch.Clear();
            for (var p = chunkStart; p < chunkEnd; p++)
                _batch.Add(tokens[p], p, 0, output: p >= firstScored);
            Decode();
            _positions[0] = chunkEnd;
            for (var p = Math.Max(chunkStart, firstScored); p < chunkEnd; p++)
            {
                var row = LlamaNative.llama_get_logits_ith(Context, p - chunkStart);
                if (row == null)
                    throw new InferenceException($"llama.cpp returned no logits for position {p} of the scoring window.", InferenceErrorKind.NativeFailure);
                sink.Accept(p, new ReadOnlySpan<float>(row, VocabularySize));
            }
        }
    }

    /// <summary>The vocabulary's identity: SHA-256 over every token's text (each followed by a 0 byte) and the tokenizer model.</summary>
    public VocabularyIdentity DescribeVocabulary(SafeLlamaModelHandle model, string architecture)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> separator = [0];
        for (var token = 0; token < VocabularySize; token++)
        {
            var text = LlamaNative.llama_vocab_get_text(Vocabulary, token);
            if (text != null)
                hash.AppendData(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
            hash.AppendData(separator);
        }
        var tokenizer = LlamaModelMetadata.Read(model, "tokenizer.ggml.model") ?? "unknown";
        return new VocabularyIdentity(architecture, VocabularySize, tokenizer, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Whether llama.cpp puts BOS in front of tokenized text (llama-perplexity then writes BOS over each window's first token).</summary>
    public bool AddsBos => LlamaNative.llama_vocab_get_add_bos(Vocabulary);

    /// <summary>The BOS token, or -1 when the vocabulary has none.</summary>
    public int Bos => LlamaNative.llama_vocab_bos(Vocabulary);
}
