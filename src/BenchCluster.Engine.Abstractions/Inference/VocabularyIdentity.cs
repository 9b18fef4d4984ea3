namespace BenchCluster.Engine.Inference;

/// <summary>
/// What must match between a model and its quality reference for their log-probabilities to be comparable token by
/// token: the architecture, the vocabulary's size, the tokenizer model and a SHA-256 over every token's text.
/// </summary>
public sealed record VocabularyIdentity(string Architecture, int Size, string TokenizerModel, string TokenTextsSha256)
{
    /// <summary>Null when both agree, else what differs, for an error message.</summary>
    public string? Difference(VocabularyIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Architecture != other.Architecture)
            return $"architecture {Architecture} vs {other.Architecture}";
        if (Size != other.Size)
            return $"vocabulary of {Size} vs {other.Size} tokens";
        if (TokenizerModel != other.TokenizerModel)
            return $"tokenizer model {TokenizerModel} vs {other.TokenizerModel}";
        return TokenTextsSha256 != other.TokenTextsSha256 ? "the same number of tokens but different token texts" : null;
    }
}
