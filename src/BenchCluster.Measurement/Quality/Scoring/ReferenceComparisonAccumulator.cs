namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>
/// The model against its reference over the same scored tokens, with llama-perplexity --kl-divergence's estimates:
/// each perplexity's error from its log-likelihoods, Δ perplexity's error through their covariance, mean KL ± error,
/// median, p99 (linear between order statistics), max, and top-1 agreement ± sqrt(p(1 − p)/(n − 1)).
/// </summary>
public sealed class ReferenceComparisonAccumulator(long capacity)
{
    private readonly MeanWithError _nll = new();
    private readonly MeanWithError _referenceNll = new();
    private readonly MeanWithError _kl = new();
    private readonly float[] _klValues = new float[checked((int)capacity)];
    private double _nllProducts;
    private long _sameTop;

    public long Count => _kl.Count;

    public void Add(double nll, double referenceNll, double klDivergence, bool sameTop)
    {
        if (_kl.Count == _klValues.Length)
            throw new InvalidOperationException($"The comparison was sized for {_klValues.Length} tokens.");
        _klValues[_kl.Count] = (float)klDivergence;
        _nll.Add(nll);
        _referenceNll.Add(referenceNll);
        _kl.Add(klDivergence);
        _nllProducts += nll * referenceNll;
        if (sameTop)
            _sameTop++;
    }

    public QualityReferenceComparison Result(string referenceName, string referenceSha256, string referenceSource)
    {
        var n = Count;
        if (n < 2)
            throw new InvalidOperationException("A comparison needs at least two scored tokens.");
        var ppl = Math.Exp(_nll.Mean);
        var pplError = ppl * _nll.Error;
        var referencePpl = Math.Exp(_referenceNll.Mean);
        var referencePplError = referencePpl * _referenceNll.Error;
        var covariance = (_nllProducts / n - _nll.Mean * _referenceNll.Mean) / (n - 1);
        var deltaVariance = pplError * pplError + referencePplError * referencePplError - 2 * ppl * referencePpl * covariance;
        var sorted = _klValues.AsSpan(0, (int)n);
        sorted.Sort();
        var top1 = (double)_sameTop / n;
        return new QualityReferenceComparison
        {
            ReferenceName = referenceName,
            ReferenceSha256 = referenceSha256,
            ReferencePerplexity = referencePpl,
            ReferencePerplexityError = referencePplError,
            DeltaPerplexity = ppl - referencePpl,
            DeltaPerplexityError = Math.Sqrt(Math.Max(0, deltaVariance)),
            KlDivergenceMean = _kl.Mean,
            KlDivergenceMeanError = _kl.Error,
            KlDivergenceMedian = Percentile(sorted, 0.5),
            KlDivergenceP99 = Percentile(sorted, 0.99),
            KlDivergenceMax = sorted[^1],
            Top1Agreement = top1,
            Top1AgreementError = Math.Sqrt(top1 * (1 - top1) / (n - 1)),
            ReferenceSource = referenceSource,
        };
    }

    /// <summary>Linear interpolation between the order statistics around fraction × (n − 1); 0.5 is the median.</summary>
    public static double Percentile(ReadOnlySpan<float> sorted, double fraction)
    {
        var position = fraction * (sorted.Length - 1);
        var below = (int)position;
        var above = Math.Min(below + 1, sorted.Length - 1);
        var weight = position - below;
        return (1 - weight) * sorted[below] + weight * sorted[above];
    }
}
