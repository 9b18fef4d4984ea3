using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Quality.Cache;

namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>
/// Scores the model's rows of each window: the target's negative log-likelihood into the perplexity, and, with a
/// reference, KL-divergence and top-1 agreement against the reference's row for the same position.
/// </summary>
internal sealed class ModelWindowSink : ILogitsSink
{
    private readonly PerplexityWindows _windows;
    private readonly ReferenceCacheReader? _reference;
    private readonly byte[] _row;
    private readonly float[] _scratch;
    private readonly int _lastScored;

    public ModelWindowSink(PerplexityWindows windows, ReferenceCacheReader? reference, int vocabularySize)
    {
        _windows = windows;
        _reference = reference;
        _row = reference is null ? [] : new byte[ReferenceRow.Bytes(vocabularySize)];
        _lastScored = windows.ContextTokens - 2;
        _scratch = new float[vocabularySize];
        Comparison = reference is null ? null : new ReferenceComparisonAccumulator(windows.ScoredTokens);
        Window = new int[windows.ContextTokens];
    }

    public int[] Window { get; }

    public MeanWithError Nll { get; } = new();

    public ReferenceComparisonAccumulator? Comparison { get; }

    public void Accept(int position, ReadOnlySpan<float> logits)
    {
        if (position < _windows.FirstScored || position > _lastScored)
            return;
        var softmax = LogSoftmax.Of(logits, _scratch);
        var nll = -softmax.LogProbability(logits, Window[position + 1]);
        Nll.Add(nll);
        if (_reference is null)
            return;
        _reference.ReadRow(_row);
        var kl = ReferenceRow.KlDivergence(_row, logits, softmax, _scratch);
        Comparison!.Add(nll, ReferenceRow.TargetNll(_row), kl, ReferenceRow.TopToken(_row) == softmax.ArgMax);
    }
}
