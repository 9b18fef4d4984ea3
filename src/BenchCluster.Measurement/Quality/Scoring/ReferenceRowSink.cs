using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Quality.Cache;

namespace BenchCluster.Measurement.Quality.Scoring;

/// <summary>Encodes the reference's scored rows of one window after another into the cache, through one reused buffer.</summary>
internal sealed class ReferenceRowSink(PerplexityWindows windows, ReferenceCacheWriter writer, int vocabularySize) : ILogitsSink
{
    private readonly byte[] _row = new byte[ReferenceRow.Bytes(vocabularySize)];
    private readonly int _lastScored = windows.ContextTokens - 2;

    /// <summary>The window being decoded; its token after each scored position is the target.</summary>
    public int[] Window { get; } = new int[windows.ContextTokens];

    public void Accept(int position, ReadOnlySpan<float> logits)
    {
        if (position < windows.FirstScored || position > _lastScored)
            return;
        ReferenceRow.Encode(logits, Window[position + 1], _row);
        writer.WriteRow(_row);
    }
}
