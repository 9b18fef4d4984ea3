namespace BenchCluster.Serving.Endpoints;

/// <summary>Counts requests in flight and refuses those over the limit, so an overloaded server answers 503 at once instead of queueing without end.</summary>
internal sealed class AdmissionGate(int? limit)
{
    private int _inFlight;

    public int? Limit { get; } = limit;

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool TryEnter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        if (Limit is { } max && now > max)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }
        return true;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
