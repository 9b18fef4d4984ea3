using System.Globalization;
using System.Runtime.CompilerServices;
using BenchCluster.Engine.Completions;

namespace BenchCluster.LoadGenBench;

/// <summary>
/// Wraps the client backend and records, for every token chunk, its client timestamp minus the server's production
/// stamp carried in its text: the delay a token's timestamp carries (server write and flush, loopback, client read
/// and parse). The work done here happens after the timestamp was taken, so it does not add to what it measures.
/// </summary>
internal sealed class OverheadProbe(ICompletionBackend inner, int capacity) : ICompletionBackend
{
    private readonly long[] _delaysNs = new long[capacity];
    private int _count;

    public CompletionBackendInfo Info => inner.Info;

    /// <summary>Stops recording (warm-up is over, or the measured part starts afresh).</summary>
    public void Reset() => Volatile.Write(ref _count, 0);

    public long[] DelaysNs() => _delaysNs[..Math.Min(Volatile.Read(ref _count), _delaysNs.Length)];

    public async IAsyncEnumerable<CompletionChunk> StreamAsync(
        CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in inner.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (chunk.TokenCount > 0 && long.TryParse(chunk.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var producedNs))
            {
                var slot = Interlocked.Increment(ref _count) - 1;
                if (slot < _delaysNs.Length)
                    _delaysNs[slot] = chunk.TimestampNs - producedNs;
            }
            yield return chunk;
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
