namespace BenchCluster.Engine.Inference;

/// <summary>Receives logits rows from <see cref="ITokenScorer.ScoreAsync"/>, on the engine's decode thread.</summary>
public interface ILogitsSink
{
    /// <summary>The logits at <paramref name="position"/> (predicting the token after it); copy what must outlive the call.</summary>
    void Accept(int position, ReadOnlySpan<float> logits);
}
