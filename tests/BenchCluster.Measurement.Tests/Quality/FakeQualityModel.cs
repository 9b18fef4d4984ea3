using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Quality;

namespace BenchCluster.Measurement.Tests.Quality;

/// <summary>
/// A deterministic stand-in for a loaded model: each character is a token, and the logits after token t favour
/// t + 1 with a seed-dependent perturbation, so two seeds give two different but related distributions.
/// </summary>
internal sealed class FakeQualityModel(int seed, string tokenTexts = "texts") : IQualityModel
{
    public const int Vocab = 32;
    public const int Bos = 0;

    public int ScoreCalls { get; private set; }

    public string Name => $"fake-{seed}.gguf";

    public string Sha256 => $"sha-{seed}";

    public bool IsSynthetic => false;

    public VocabularyIdentity Vocabulary => new("fake", Vocab, "chars", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tokenTexts))));

    public int VocabularySize => Vocab;

    public int? WindowStartToken => Bos;

    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) =>
        Task.FromResult(new[] { Bos }.Concat(text.Select(c => 1 + c % (Vocab - 1))).ToArray());

    public Task ScoreAsync(IReadOnlyList<int> tokens, int firstScored, ILogitsSink sink, CancellationToken cancellationToken = default)
    {
        ScoreCalls++;
        var logits = new float[Vocab];
        for (var p = firstScored; p < tokens.Count; p++)
        {
            for (var i = 0; i < Vocab; i++)
                logits[i] = (float)(Math.Sin(seed * 0.7 + i * 1.3 + tokens[p]) * (seed == 0 ? 1 : 1.2));
            logits[(tokens[p] + 1) % Vocab] += 4;
            sink.Accept(p, logits);
        }
        return Task.CompletedTask;
    }

    /// <summary>This model as a reference source, counting how often it had to be loaded.</summary>
    public QualityReferenceSource AsReference(Action? opened = null) =>
        new(Name, Sha256, _ =>
        {
            opened?.Invoke();
            return Task.FromResult(new OpenedQualityReference(this, new NothingToFree()));
        });

    private sealed class NothingToFree : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
