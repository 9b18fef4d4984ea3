using BenchCluster.Engine.Timing;

namespace BenchCluster.Remote;

/// <summary>
/// The first-event, idle and total timeouts of one request, enforced by one timer. Marking an event
/// is a field write: the timer re-arms itself lazily when it fires early, so the hot path stays cheap.
/// When a limit passes, <see cref="Token"/> is cancelled and <see cref="Expired"/> names the limit.
/// </summary>
internal sealed class RequestTimeouts : IDisposable
{
    private static readonly TimeSpan LongestTimerDelay = TimeSpan.FromHours(1);

    private readonly OpenAiCompatibleOptions _options;
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;
    private readonly long _startNs;
    private long _lastEventNs;
    private volatile bool _started;

    public RequestTimeouts(OpenAiCompatibleOptions options, CancellationToken callerToken)
    {
        _options = options;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _startNs = MonotonicClock.NowNs();
        _lastEventNs = _startNs;
        _timer = TimeProvider.System.CreateTimer(static state => ((RequestTimeouts)state!).OnTimer(), this, DelayUntilNextCheck(), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled by the caller or by an expired limit.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The limit that expired, or null while none has.</summary>
    public TimeoutKind? Expired { get; private set; }

    /// <summary>Nanoseconds since the request was sent.</summary>
    public long ElapsedNs => MonotonicClock.NowNs() - _startNs;

    /// <summary>A data event arrived: from now on the idle timeout applies, counted from this event.</summary>
    public void MarkEvent(long arrivalNs)
    {
        Volatile.Write(ref _lastEventNs, arrivalNs);
        if (_started)
            return;
        // The idle deadline may come before the first-event deadline the timer is set for.
        _started = true;
        _timer.Change(DelayUntilNextCheck(), Timeout.InfiniteTimeSpan);
    }

    private TimeSpan DelayUntilNextCheck()
    {
        var (deadlineNs, _) = NextDeadline();
        var remainingNs = Math.Max(0, deadlineNs - MonotonicClock.NowNs());
        // Timers take at most ~49 days; an unlimited deadline is simply looked at again later.
        return TimeSpan.FromTicks(Math.Min(remainingNs / 100 + 1, LongestTimerDelay.Ticks));
    }

    private (long DeadlineNs, TimeoutKind Kind) NextDeadline()
    {
        var total = Deadline(_startNs, _options.TotalTimeout);
        var phase = _started
            ? (Deadline(Volatile.Read(ref _lastEventNs), _options.IdleTimeout), TimeoutKind.Idle)
            : (Deadline(_startNs, _options.FirstEventTimeout), TimeoutKind.FirstEvent);
        return phase.Item1 <= total ? phase : (total, TimeoutKind.Total);
    }

    private static long Deadline(long fromNs, TimeSpan limit) =>
        limit == Timeout.InfiniteTimeSpan || limit.Ticks > UnlimitedTicks ? long.MaxValue : fromNs + limit.Ticks * TimeUnits.NanosecondsPerTimeSpanTick;

    private const long UnlimitedTicks = long.MaxValue / (4 * TimeUnits.NanosecondsPerTimeSpanTick);

    private void OnTimer()
    {
        var (deadlineNs, kind) = NextDeadline();
        if (MonotonicClock.NowNs() >= deadlineNs)
        {
            Expired = kind;
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request finished while the timer fired.
            }
            return;
        }
        _timer.Change(DelayUntilNextCheck(), Timeout.InfiniteTimeSpan);
    }

    /// <summary>The limit's value and the option that sets it, for messages.</summary>
    public (TimeSpan Value, string Option) Describe(TimeoutKind kind) => kind switch
    {
        TimeoutKind.FirstEvent => (_options.FirstEventTimeout, "first_event_timeout"),
        TimeoutKind.Idle => (_options.IdleTimeout, "idle_timeout"),
        TimeoutKind.Total => (_options.TotalTimeout, "total_timeout"),
        _ => (_options.ConnectTimeout, "connect_timeout"),
    };

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }
}

/// <summary>Which limit a request ran into.</summary>
internal enum TimeoutKind { Connect, FirstEvent, Idle, Total }
