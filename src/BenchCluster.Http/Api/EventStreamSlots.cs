using System.Collections.Concurrent;

namespace BenchCluster.Http.Api;

/// <summary>
/// Bounds open event streams, in all and per caller: each one polls Postgres twice a second for as long as it is
/// open, so a client that opens streams in a loop must not be able to load the database without limit.
/// </summary>
public sealed class EventStreamSlots(int maxTotal, int maxPerCaller)
{
    private readonly ConcurrentDictionary<string, int> _perCaller = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _total;

    public int MaxTotal => maxTotal;

    public int MaxPerCaller => maxPerCaller;

    /// <summary>A slot to dispose when the stream ends, or null when the caller or the server is at its limit.</summary>
    public IDisposable? TryAcquire(string caller)
    {
        lock (_gate)
        {
            var mine = _perCaller.GetValueOrDefault(caller);
            if (_total >= maxTotal || mine >= maxPerCaller)
                return null;
            _total++;
            _perCaller[caller] = mine + 1;
        }
        return new Slot(this, caller);
    }

    private void Release(string caller)
    {
        lock (_gate)
        {
            _total--;
            var left = _perCaller[caller] - 1;
            if (left == 0)
                _perCaller.TryRemove(caller, out _);
            else
                _perCaller[caller] = left;
        }
    }

    private sealed class Slot(EventStreamSlots owner, string caller) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                owner.Release(caller);
        }
    }
}
