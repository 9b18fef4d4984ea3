using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Quality;

namespace BenchCluster.EngineChild;

/// <summary>A <see cref="LlamaSession"/> as the quality scenario scores it.</summary>
internal sealed class SessionQualityModel : IQualityModel
{
    private readonly LlamaSession _session;

    private SessionQualityModel(LlamaSession session, VocabularyIdentity vocabulary)
    {
        _session = session;
        Vocabulary = vocabulary;
    }

    public static async Task<SessionQualityModel> CreateAsync(LlamaSession session, CancellationToken cancellationToken) =>
        new(session, await session.DescribeVocabularyAsync(cancellationToken));

    public string Name => Path.GetFileName(_session.Model.Path);

    public string Sha256 => _session.Model.Sha256;

    public bool IsSynthetic => _session.Model.IsSynthetic;

    public VocabularyIdentity Vocabulary { get; }

    public int VocabularySize => _session.VocabularySize;

    /// <summary>llama-perplexity writes BOS over each window's first token only when the vocabulary adds BOS.</summary>
    public int? WindowStartToken => _session.AddsBos && _session.Bos >= 0 ? _session.Bos : null;

    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) => _session.TokenizeTextAsync(text, cancellationToken);

    public Task ScoreAsync(IReadOnlyList<int> tokens, int firstScored, ILogitsSink sink, CancellationToken cancellationToken = default) =>
        _session.ScoreAsync(tokens, firstScored, sink, cancellationToken);
}
