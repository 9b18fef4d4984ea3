using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.LlamaBench;

/// <summary>Random token ids in the model's vocabulary from one seeded source, BOS first when a run starts from an empty context.</summary>
public sealed class LlamaBenchTokens
{
    private readonly int _vocabulary;
    private readonly int? _bos;

    private LlamaBenchTokens(Random random, int vocabulary, int? bos)
    {
        Random = random;
        _vocabulary = vocabulary;
        _bos = bos;
    }

    public Random Random { get; }

    /// <summary>Asks the session for BOS: tokenizing "" with special tokens yields it exactly when the model adds one, as llama-bench starts with it.</summary>
    public static async Task<LlamaBenchTokens> CreateAsync(IInferenceSession session, int seed, CancellationToken cancellationToken)
    {
        var bos = (await session.TokenizeAsync("", addSpecial: true, cancellationToken)) is [var first, ..] ? first : (int?)null;
        return new LlamaBenchTokens(new Random(seed), session.Model.VocabularySize, bos);
    }

    public int[] Draw(int count, bool fromEmptyContext) => RandomTokens.Draw(count, _vocabulary, Random, fromEmptyContext ? _bos : null);
}
