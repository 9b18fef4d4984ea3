using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Comparing;

/// <summary>
/// Compares two runs point by point (docs/compare.md): points match on point key and node; the headline throughput of
/// each stored repetition is tested for a real difference; a significant slowdown beyond the threshold is a regression,
/// and so is a quality point's figure that got significantly worse beyond it (<see cref="QualityComparer"/>).
/// </summary>
public static class RunComparer
{
    public const string RepetitionsNotStored = "repetitions not stored: significance unknown";

    public static ComparisonReport Compare(
        ComparedRun baseRun, IReadOnlyList<ResultRecord> baseRecords,
        ComparedRun newRun, IReadOnlyList<ResultRecord> newRecords,
        ComparisonOptions? options = null)
    {
        options = (options ?? ComparisonOptions.Default).Validated();
        var baseByKey = ByIdentity(baseRecords);
        var newByKey = ByIdentity(newRecords);
        var points = baseByKey
            .Where(pair => newByKey.ContainsKey(pair.Key))
            .Select(pair => ComparePoint(pair.Value, newByKey[pair.Key], options))
            .OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.PointLabel, StringComparer.Ordinal).ThenBy(p => p.Node, StringComparer.Ordinal)
            .ToList();
        return new ComparisonReport
        {
            Base = baseRun,
            New = newRun,
            Threshold = options.Threshold,
            Alpha = options.Alpha,
            Points = points,
            OnlyInBase = Unmatched(baseByKey, newByKey),
            OnlyInNew = Unmatched(newByKey, baseByKey),
        };
    }

    internal static PointComparison ComparePoint(ResultRecord baseRecord, ResultRecord newRecord, ComparisonOptions options)
    {
        var baseMean = baseRecord.TokensPerSecond;
        var newMean = newRecord.TokensPerSecond;
        var ratio = baseMean is > 0 && newMean is { } n ? n / baseMean.Value : (double?)null;
        var baseValues = baseRecord.RepetitionValues ?? [];
        var newValues = newRecord.RepetitionValues ?? [];
        var (verdict, test, note) = Judge(baseRecord, newRecord, ratio, options);
        var (quality, qualityNote) = QualityComparer.Compare(baseRecord, newRecord, options);
        return new PointComparison
        {
            PointKey = newRecord.PointKey,
            PointLabel = newRecord.PointLabel,
            Node = newRecord.Node,
            Model = newRecord.Model,
            Scenario = newRecord.Scenario,
            ScenarioKind = newRecord.ScenarioKind,
            HeadlineMetric = newRecord.HeadlineMetric ?? baseRecord.HeadlineMetric,
            BaseMean = baseMean,
            NewMean = newMean,
            Ratio = ratio,
            ChangePercent = ratio is { } r ? (r - 1) * 100 : null,
            BaseValues = baseValues,
            NewValues = newValues,
            Test = test?.Test,
            PValue = test?.PValue,
            Confidence = test is null ? null : 1 - test.PValue,
            Verdict = verdict,
            IsRegression = (verdict == ComparisonVerdict.Slower && ratio is { } slow && slow < 1 - options.Threshold) || quality.Any(q => q.IsWorse),
            Note = note,
            BaseValidity = baseRecord.Verdict,
            NewValidity = newRecord.Verdict,
            Latency = LatencyComparer.Compare(baseRecord, newRecord, options.Threshold),
            Quality = quality,
            QualityNote = qualityNote,
        };
    }

    private static (ComparisonVerdict Verdict, SignificanceResult? Test, string? Note) Judge(
        ResultRecord baseRecord, ResultRecord newRecord, double? ratio, ComparisonOptions options)
    {
        if (ratio is null)
            return (ComparisonVerdict.Unknown, null, "no headline throughput on both sides");
        if (baseRecord.RepetitionValues is null || newRecord.RepetitionValues is null)
            return (ComparisonVerdict.Unknown, null, RepetitionsNotStored);
        var test = SignificanceTester.Test(baseRecord.RepetitionValues, newRecord.RepetitionValues);
        if (test is null)
            return (ComparisonVerdict.Unknown, null, "fewer than 2 repetitions on a side: significance unknown");
        if (test.PValue >= options.Alpha)
            return (ComparisonVerdict.Same, test, null);
        return (ratio < 1 ? ComparisonVerdict.Slower : ComparisonVerdict.Faster, test, null);
    }

    private static Dictionary<(string PointKey, string Node), ResultRecord> ByIdentity(IReadOnlyList<ResultRecord> records)
    {
        // One row per point and node is what v_latest_results gives; should a run hold more, the first wins.
        var byKey = new Dictionary<(string, string), ResultRecord>();
        foreach (var record in records)
            byKey.TryAdd((record.PointKey, record.Node), record);
        return byKey;
    }

    private static List<UnmatchedPoint> Unmatched(
        Dictionary<(string PointKey, string Node), ResultRecord> side, Dictionary<(string PointKey, string Node), ResultRecord> other) =>
        side.Where(pair => !other.ContainsKey(pair.Key))
            .Select(pair => new UnmatchedPoint
            {
                PointKey = pair.Value.PointKey, PointLabel = pair.Value.PointLabel, Node = pair.Value.Node, TokensPerSecond = pair.Value.TokensPerSecond,
            })
            .OrderBy(p => p.PointLabel, StringComparer.Ordinal).ThenBy(p => p.Node, StringComparer.Ordinal)
            .ToList();
}
