using System.Globalization;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Records;

/// <summary>
/// Which results a listing shows (the CLI's `results` options and the HTTP API's query parameters); null = any.
/// Filtering happens in SQL, bounded by <see cref="Limit"/>; quality is joined over the unfiltered quality points.
/// </summary>
public sealed record ResultFilter
{
    /// <summary>The most results one listing reads unless the caller asks for fewer.</summary>
    public const int DefaultLimit = 100_000;

    public Guid? RunId { get; init; }
    /// <summary>The model as the suite names it, or its file name.</summary>
    public string? Model { get; init; }
    public string? Node { get; init; }
    public string? Scenario { get; init; }
    /// <summary>VALID or INVALID.</summary>
    public string? Verdict { get; init; }
    /// <summary>Results created at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>
    /// The matching results, each speed row with its model file's quality beside it: the quality points of the run (and
    /// node) are read too when a filter may have left them out, joined, and not listed unless they match.
    /// </summary>
    public async Task<IReadOnlyList<ResultRecord>> ReadAsync(ResultQueries queries, CancellationToken cancellationToken = default)
    {
        var views = await queries.FindResultsAsync(RunId, Model, Node, Scenario, Verdict, Since, Limit, cancellationToken);
        if (views.Count == 0 || Model is null && Scenario is null && Verdict is null && Since is null)
            return ResultRecordFactory.FromViews(views);
        var kept = views.Select(v => (v.RunId, v.PointKey, v.NodeName)).ToHashSet();
        var quality = await queries.FindQualityResultsAsync(RunId, Node, Limit, cancellationToken);
        var all = views.Concat(quality.Where(q => !kept.Contains((q.RunId, q.PointKey, q.NodeName)))).ToList();
        return ResultRecordFactory.FromViews(all).Where(r => kept.Contains((r.RunId, r.PointKey, r.Node))).ToList();
    }

    /// <summary>VALID or INVALID from any casing; other text is refused with the allowed values.</summary>
    public static string ParseVerdict(string text) => text.Trim().ToUpperInvariant() switch
    {
        "VALID" => "VALID",
        "INVALID" => "INVALID",
        _ => throw new FormatException($"verdict '{text}' is neither VALID nor INVALID"),
    };

    /// <summary>
    /// A point in time, given as a timestamp (ISO 8601, e.g. 2026-12-01 or 2026-12-01T08:00:00Z; without an offset, UTC)
    /// or a duration back from <paramref name="now"/>: a number and a unit, s, m, h, d or w (e.g. 90m, 24h, 7d).
    /// </summary>
    public static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is >= 2 and <= 12 && char.IsAsciiDigit(trimmed[0]) && UnitSeconds(trimmed[^1]) is { } unit
            && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            var seconds = (double)count * unit;
            return seconds > (now - DateTimeOffset.MinValue).TotalSeconds ? DateTimeOffset.MinValue : now.AddSeconds(-seconds);
        }
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        throw new FormatException($"'{text}' is neither a timestamp (e.g. 2026-12-01T08:00:00Z) nor a duration (e.g. 24h, 7d, 90m)");
    }

    private static int? UnitSeconds(char unit) => unit switch
    {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86400,
        'w' => 7 * 86400,
        _ => null,
    };
}
