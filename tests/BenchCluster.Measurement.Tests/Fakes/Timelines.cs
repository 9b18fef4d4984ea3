using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Tests.Fakes;

/// <summary>Hand-built request timelines in milliseconds, for formula tests.</summary>
public static class Timelines
{
    public const long Ms = 1_000_000;

    /// <summary>A request sent at <paramref name="sentMs"/> whose events arrive at the given times with the given token counts.</summary>
    public static Sample Request(double sentMs, double[] eventMs, int[]? tokens = null, double? endMs = null, double? scheduledMs = null,
        int prompt = 10, int? requested = null, int? serverOutput = null, string? error = null, int seq = 0, int stage = 0)
    {
        var counts = tokens ?? eventMs.Select(_ => 1).ToArray();
        var events = eventMs.Select(ToNs).ToArray();
        return new Sample
        {
            Seq = seq,
            Kind = SampleKind.Request,
            Stage = stage,
            ScheduledNs = scheduledMs is { } s ? ToNs(s) : null,
            SentNs = ToNs(sentMs),
            FirstTokenNs = events.Length > 0 ? events[0] : null,
            EndNs = ToNs(endMs ?? (eventMs.Length > 0 ? eventMs[^1] : sentMs)),
            EventNs = events,
            EventTokenCounts = counts,
            PromptTokens = prompt,
            OutputTokens = counts.Sum(),
            ServerPromptTokens = prompt,
            ServerOutputTokens = serverOutput ?? counts.Sum(),
            RequestedOutputTokens = requested ?? counts.Sum(),
            Error = error,
        };
    }

    public static long ToNs(double ms) => (long)Math.Round(ms * Ms);
}
