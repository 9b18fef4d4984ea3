using System.Buffers;
using System.Globalization;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Provenance;

/// <summary>
/// The node's CPU counters at one instant, from Linux's /proc: CPU time all processes used, the CPU time of this (the
/// measuring) process, and how often the kernel preempted this process's threads (nonvoluntary context switches).
/// Two readings bracket a measured window; see <see cref="MeasuredWindowActivity"/>.
/// </summary>
public sealed record ActivityCounters(long Ns, long BusyTicks, long OwnTicks, long InvoluntarySwitches)
{
    /// <summary>Linux reports CPU time in USER_HZ ticks, 100 per second on every architecture .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>Bounds what one /proc file may hold before it is refused; a real one is a few KB.</summary>
    private const int MaxFileBytes = 1 << 20;

    /// <summary>Reads the counters of process <paramref name="pid"/> under <paramref name="procRoot"/>; null where there is no /proc (not Linux) or it cannot be read.</summary>
    public static ActivityCounters? Read(string procRoot = "/proc", int? pid = null)
    {
        try
        {
            var self = Path.Combine(procRoot, (pid ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture));
            var now = MonotonicClock.NowNs();
            var busy = ParseBusyTicks(ReadBounded(Path.Combine(procRoot, "stat")));
            var own = ParseOwnTicks(ReadBounded(Path.Combine(self, "stat")));
            long switches = 0;
            foreach (var task in Directory.EnumerateDirectories(Path.Combine(self, "task")).Take(4096))
                switches += TaskSwitches(Path.Combine(task, "status"));
            return busy is null || own is null ? null : new ActivityCounters(now, busy.Value, own.Value, switches);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The ticks the hypervisor took from this machine's CPUs (steal, the 8th field of /proc/stat's cpu line); null where there is no /proc.</summary>
    public static long? ReadStealTicks(string procRoot = "/proc")
    {
        try
        {
            return CpuLineTicks(ReadBounded(Path.Combine(procRoot, "stat"))) is { } ticks ? ticks[7] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The first line of /proc/stat: user nice system idle iowait irq softirq steal …; busy is all but idle and iowait.</summary>
    internal static long? ParseBusyTicks(string stat) =>
        CpuLineTicks(stat) is { } ticks ? ticks.Where((_, i) => i is not (3 or 4)).Sum() : null; // idle, iowait

    /// <summary>The first 8 counters of /proc/stat's cpu line (user … steal), or null when it is not one.</summary>
    private static long[]? CpuLineTicks(string stat)
    {
        var end = stat.IndexOf('\n');
        var fields = (end >= 0 ? stat[..end] : stat).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 9 || fields[0] != "cpu")
            return null;
        var ticks = new long[8];
        for (var i = 0; i < ticks.Length; i++)
        {
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i]))
                return null;
        }
        return ticks;
    }

    /// <summary>utime + stime of /proc/PID/stat (fields 14 and 15; counted after the command name, which may hold spaces).</summary>
    internal static long? ParseOwnTicks(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
            return null;
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
        return fields.Length > 12
               && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
               && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? user + system
            : null;
    }

    private static long TaskSwitches(string statusPath)
    {
        try
        {
            foreach (var line in ReadBounded(statusPath).Split('\n'))
            {
                if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("nonvoluntary_ctxt_switches:".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    return n;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The thread ended between listing and reading: its switches are gone from both readings alike.
        }
        return 0;
    }

    private static string ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.None);
        // Read right before and after a measured window, once per engine thread: a pooled buffer, so the reads leave
        // no 1 MiB garbage behind them to be collected during the next timed part.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFileBytes);
        try
        {
            var total = 0;
            int read;
            while (total < MaxFileBytes && (read = stream.Read(buffer, total, MaxFileBytes - total)) > 0)
                total += read;
            if (total == MaxFileBytes)
                throw new IOException($"{path} holds more than {MaxFileBytes} bytes; not a /proc file");
            return System.Text.Encoding.ASCII.GetString(buffer, 0, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
