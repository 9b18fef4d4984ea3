using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.Quality;

/// <summary>A loaded model as the quality scenario scores it: its scorer, identity, vocabulary and tokenizer.</summary>
public interface IQualityModel : ITokenScorer
{
    /// <summary>The model file's name, for results and error messages.</summary>
    string Name { get; }

    string Sha256 { get; }

    bool IsSynthetic { get; }

    VocabularyIdentity Vocabulary { get; }

    /// <summary>The token written over each window's first token (BOS when the vocabulary adds one), else null.</summary>
    int? WindowStartToken { get; }

    /// <summary>Tokenizes as llama-perplexity does: BOS when the vocabulary adds one, control-token text left as text.</summary>
    Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken);
}
