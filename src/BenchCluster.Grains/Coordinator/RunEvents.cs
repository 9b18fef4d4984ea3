using System.Runtime.CompilerServices;
using BenchCluster.Contracts.Runs;

namespace BenchCluster.Grains.Coordinator;

/// <summary>The last few things that happened in a run, time-stamped, for progress snapshots; and the watch loop over those snapshots.</summary>
internal sealed class RunEvents
{
    private const int RecentEventCount = 12;
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(500);

    private readonly Queue<string> _events = new();

    public IReadOnlyList<string> Recent => _events.ToList();

    public void Add(string message)
    {
        _events.Enqueue($"{DateTime.UtcNow:HH:mm:ss} {message}");
        while (_events.Count > RecentEventCount)
            _events.Dequeue();
    }

    /// <summary>Each snapshot that differs from the one before, until one is terminal.</summary>
    public static async IAsyncEnumerable<RunProgress> WatchAsync(Func<RunProgress> progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RunProgress? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = progress();
            if (last is null || !Same(last, now))
            {
                yield return now;
                last = now;
            }
            if (now.Status.IsTerminal())
                yield break;
            await Task.Delay(WatchInterval, cancellationToken);
        }
    }

    private static bool Same(RunProgress a, RunProgress b) =>
        a.Status == b.Status && a.PendingJobs == b.PendingJobs && a.RunningJobs == b.RunningJobs
        && a.SucceededJobs == b.SucceededJobs && a.FailedJobs == b.FailedJobs && a.RecentEvents.SequenceEqual(b.RecentEvents);
}
