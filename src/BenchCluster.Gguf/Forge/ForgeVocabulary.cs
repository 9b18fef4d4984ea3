using System.Collections.Concurrent;
using BenchCluster.Gguf.Format;
using BenchCluster.Gguf.Runtimes;

namespace BenchCluster.Gguf.Forge;

/// <summary>
/// A real tokenizer for forged models: every <c>tokenizer.*</c> key of a vocab-only GGUF from llama.cpp's source
/// (installed into runtimes/vocab by infra/install-native.sh), padded with unused [PAD] tokens up to the model's
/// vocabulary size as the Hugging Face converter does for checkpoints whose embedding has spare rows.
/// </summary>
internal static class ForgeVocabulary
{
    public const string TokensKey = "tokenizer.ggml.tokens";
    public const string TokenTypesKey = "tokenizer.ggml.token_type";
    private const string TokenizerPrefix = "tokenizer.";
    private const int UnusedTokenType = 5;

    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Modified), IReadOnlyList<GgufMetadataEntry>> Cache = new();

    public static string PathFor(string tokenizer) =>
        Path.Combine(RuntimesDirectory.Resolve("vocab"), $"ggml-vocab-{FileFor(tokenizer)}.gguf");

    /// <summary>Tokenizers built over another's file: the R1 distills' is Qwen2's with their own added tokens.</summary>
    private static string FileFor(string tokenizer) =>
        tokenizer == DeepSeekR1QwenTokenizer.Name ? DeepSeekR1QwenTokenizer.BaseVocabulary : tokenizer;

    public static IReadOnlyList<GgufMetadataEntry> Load(ForgeSpec spec)
    {
        var path = PathFor(spec.Tokenizer);
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(path)!;
            var available = Directory.Exists(folder)
                ? string.Join(", ", Directory.EnumerateFiles(folder, "ggml-vocab-*.gguf").Select(f => Path.GetFileNameWithoutExtension(f)["ggml-vocab-".Length..]).Order(StringComparer.Ordinal))
                : "";
            throw new ForgeSpecException(nameof(ForgeSpec.Tokenizer),
                $"The vocabulary '{spec.Tokenizer}' is missing: '{path}' does not exist" +
                (available.Length > 0 ? $" (this folder has: {available})." : $"; the folder '{folder}' is empty or missing.") +
                $" Run {RuntimesDirectory.InstallCommand} to install the vocabularies, or set {RuntimesDirectory.EnvironmentVariable} to a runtimes folder that has them.");
        }
        var entries = ReadTokenizer(path);
        if (spec.Tokenizer == DeepSeekR1QwenTokenizer.Name)
            entries = DeepSeekR1QwenTokenizer.Apply(entries);
        var tokenCount = entries.FirstOrDefault(e => e.Key == TokensKey)?.Value.ArrayLength
            ?? throw new ForgeSpecException(nameof(ForgeSpec.Tokenizer), $"'{path}' has no {TokensKey} list; reinstall it with {RuntimesDirectory.InstallCommand}.");
        if (spec.VocabSize < tokenCount)
            throw new ForgeSpecException(nameof(ForgeSpec.VocabSize),
                $"Invalid forge spec: VocabSize {spec.VocabSize} is smaller than the '{spec.Tokenizer}' tokenizer's {tokenCount} tokens; use at least {tokenCount}.");
        return spec.VocabSize == tokenCount ? entries : entries.Select(e => Pad(e, tokenCount, spec.VocabSize)).ToList();
    }

    // Forging several models in one process (tests, a sweep of types) reads each vocabulary once; a changed file is read again.
    private static IReadOnlyList<GgufMetadataEntry> ReadTokenizer(string path)
    {
        var info = new FileInfo(path);
        var key = (path, info.Length, info.LastWriteTimeUtc);
        return Cache.GetOrAdd(key, _ => GgufReader.Read(path).Metadata.Where(e => e.Key.StartsWith(TokenizerPrefix, StringComparison.Ordinal)).ToList());
    }

    // Lists with one element per token (tokens, token types, scores) grow; the rest (merges, ids, flags) stay.
    private static GgufMetadataEntry Pad(GgufMetadataEntry entry, int tokenCount, int vocabSize)
    {
        if (!entry.Value.IsArray || entry.Value.ArrayLength != tokenCount)
            return entry;
        Array padded = entry.Value.Raw switch
        {
            string[] tokens => tokens.Concat(Enumerable.Range(tokenCount, vocabSize - tokenCount).Select(i => $"[PAD{i}]")).ToArray(),
            int[] types => types.Concat(Enumerable.Repeat(UnusedTokenType, vocabSize - tokenCount)).ToArray(),
            float[] scores => scores.Concat(Enumerable.Repeat(0f, vocabSize - tokenCount)).ToArray(),
            _ => throw new InvalidOperationException($"Cannot pad tokenizer list '{entry.Key}' of {entry.Value.ElementType}."),
        };
        return new GgufMetadataEntry(entry.Key, GgufValue.OfArray(padded));
    }
}
