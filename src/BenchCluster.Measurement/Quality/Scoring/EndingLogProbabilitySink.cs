using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>Sums log p of each token of an ending given everything before it (llama-perplexity's hellaswag_score).</summary>
internal sealed class EndingLogProbabilitySink : ILogitsSink
{
    private IReadOnlyList<int> _sequence = [];

    public double Sum { get; private set; }

    public void Reset(IReadOnlyList<int> sequence)
    {
        _sequence = sequence;
        Sum = 0;
    }

    public void Accept(int position, ReadOnlySpan<float> logits)
    {
        if (position + 1 >= _sequence.Count)
            return;
        Sum += LogSoftmax.Of(logits).LogProbability(logits, _sequence[position + 1]);
    }
}
