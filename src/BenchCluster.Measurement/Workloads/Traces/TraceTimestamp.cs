using System.Globalization;

namespace BenchCluster.Measurement.Workloads.Traces;

/// <summary>
/// A trace's TIMESTAMP column: plain seconds (any origin, not negative) or a date and time as the public Azure traces
/// write it ("2023-11-16 18:15:46.6805900", read as UTC). The first row decides which; every row must then agree.
/// </summary>
internal static class TraceTimestamp
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    /// <summary>True when the value is a date and time rather than seconds.</summary>
    public static bool IsDateTime(string value) => !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The time in 100 ns ticks (seconds × 10⁷, or DateTime ticks); null with a reason when unreadable.</summary>
    public static long? Ticks(string value, bool dateTime, out string? problem)
    {
        problem = null;
        if (dateTime)
        {
            if (DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
                return time.Ticks;
            problem = $"TIMESTAMP '{Shown(value)}' is not a date and time like 2023-11-16 18:15:46.6805900 (the first row set that format)";
            return null;
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
        {
            problem = $"TIMESTAMP '{Shown(value)}' is not a number of seconds (the first row set that format)";
            return null;
        }
        if (seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            problem = $"TIMESTAMP {Shown(value)} is {(seconds < 0 ? "negative" : "out of range")}; give seconds from 0 (any origin)";
            return null;
        }
        return (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
    }

    public static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
