using System.Globalization;

namespace BenchCluster.Reporting.Selecting;

/// <summary>
/// Latency limits a configuration must meet at a percentile of its requests (default p99), e.g. parsed from
/// "ttft_ms=500,tpot_ms=50,e2el_ms=8000,percentile=p90". A bound left out is not checked.
/// </summary>
public sealed record SloBounds
{
    private const int MaxText = 500;

    public double? TtftMs { get; init; }
    public double? TpotMs { get; init; }
    public double? E2elMs { get; init; }
    /// <summary>p50, p90 or p99.</summary>
    public string Percentile { get; init; } = "p99";

    public static SloBounds None { get; } = new();

    public bool HasBounds => TtftMs is not null || TpotMs is not null || E2elMs is not null;

    /// <summary>Parses "name=value,…"; throws <see cref="FormatException"/> naming the bad part and the accepted names.</summary>
    public static SloBounds Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return None;
        if (text.Length > MaxText)
            throw new FormatException($"the SLO is {text.Length} characters long; give at most {MaxText}, e.g. ttft_ms=500,tpot_ms=50.");
        var slo = None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var name = pair[0].ToLowerInvariant();
            if (pair.Length != 2 || pair[1].Length == 0)
                throw new FormatException($"SLO part '{part}' has no value: write name=value, e.g. ttft_ms=500.");
            if (name == "percentile")
            {
                var percentile = pair[1].ToLowerInvariant();
                slo = percentile is "p50" or "p90" or "p99"
                    ? slo with { Percentile = percentile }
                    : throw new FormatException($"SLO percentile '{pair[1]}' is not one of p50, p90, p99.");
                continue;
            }
            if (!double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
                throw new FormatException($"SLO bound '{part}' needs a positive number of milliseconds, e.g. {name}=500.");
            slo = name switch
            {
                "ttft_ms" => slo with { TtftMs = value },
                "tpot_ms" => slo with { TpotMs = value },
                "e2el_ms" => slo with { E2elMs = value },
                _ => throw new FormatException($"SLO bound '{pair[0]}' is unknown: use ttft_ms, tpot_ms, e2el_ms or percentile."),
            };
        }
        return slo;
    }

    public override string ToString()
    {
        var parts = new[] { ("ttft_ms", TtftMs), ("tpot_ms", TpotMs), ("e2el_ms", E2elMs) }
            .Where(b => b.Item2 is not null).Select(b => $"{b.Item1} ≤ {b.Item2!.Value.ToString("0.##", CultureInfo.InvariantCulture)}").ToList();
        return parts.Count == 0 ? "none" : $"{string.Join(", ", parts)} at {Percentile}";
    }
}
