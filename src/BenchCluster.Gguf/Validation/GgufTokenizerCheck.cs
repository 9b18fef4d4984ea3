using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Validation;

/// <summary>
/// Tokenizer lists llama.cpp indexes without checking their lengths or aborts on: a token list of strings without
/// duplicates, per-token types and scores at least as long, and an embedding table with one row per token.
/// </summary>
internal static class GgufTokenizerCheck
{
    private const string TokensKey = "tokenizer.ggml.tokens";
    private const string TokenTypesKey = "tokenizer.ggml.token_type";
    private const string ScoresKey = "tokenizer.ggml.scores";
    private const string EmbeddingTensor = "token_embd.weight";

    public static void Check(GgufFile file, long embeddingLength)
    {
        var tokensValue = file.Find(TokensKey);
        if (tokensValue is null)
            return;
        var tokens = tokensValue.AsStringArray()
            ?? throw GgufValidator.Fail(file, GgufProblem.InvalidMetadata, $"'{TokensKey}' is not an array of strings");
        RequireList(file, TokenTypesKey, tokens.Count, GgufValueType.Int32);
        RequireList(file, ScoresKey, tokens.Count, GgufValueType.Float32, GgufValueType.Int32);

        // llama.cpp maps empty tokens to "[EMPTY_<id>]" and asserts (aborting the process) that no two tokens are equal.
        var seen = new HashSet<string>(tokens.Count, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            var text = tokens[id].Length == 0 ? $"[EMPTY_{id}]" : tokens[id];
            if (!seen.Add(text))
                throw GgufValidator.Fail(file, GgufProblem.InconsistentModel, $"token {id} '{text}' appears twice in '{TokensKey}'");
        }

        if (file.FindTensor(EmbeddingTensor) is { Dimensions.Count: 2 } embedding &&
            (embedding.Dimensions[0] != embeddingLength || embedding.Dimensions[1] != tokens.Count))
            throw GgufValidator.Fail(file, GgufProblem.InconsistentModel,
                $"tensor '{EmbeddingTensor}' is [{embedding.Dimensions[0]}, {embedding.Dimensions[1]}] but the model has embedding length {embeddingLength} and {tokens.Count} tokens");
    }

    private static void RequireList(GgufFile file, string key, int tokenCount, params GgufValueType[] elementTypes)
    {
        var value = file.Find(key);
        if (value is null)
            return;
        if (!value.IsArray || !elementTypes.Contains(value.ElementType!.Value))
            throw GgufValidator.Fail(file, GgufProblem.InvalidMetadata, $"'{key}' must be an array of {string.Join(" or ", elementTypes)}, not {value}");
        if (value.ArrayLength < tokenCount)
            throw GgufValidator.Fail(file, GgufProblem.InconsistentModel, $"'{key}' has {value.ArrayLength} entries for {tokenCount} tokens");
    }
}
