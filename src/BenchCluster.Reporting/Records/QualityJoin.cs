using System.Globalization;

namespace BenchCluster.Reporting.Records;

/// <summary>
/// Puts quality beside speed: each speed result of a model file (SHA-256) on a node gets the scores of that file's
/// VALID quality point on the same node, preferring one of the same run. Where several qualify (other corpora or
/// context sizes) the one with the highest mean KL-divergence (else perplexity) is joined, the conservative choice,
/// and the note says so. A file without a VALID quality point gets no scores, only a note saying why.
/// </summary>
public static class QualityJoin
{
    public const string QualityKind = "quality";

    public static IReadOnlyList<ResultRecord> Attach(IReadOnlyList<ResultRecord> records)
    {
        var quality = records.Where(r => r.ScenarioKind == QualityKind && r.Quality is not null && r.ModelSha256 is not null)
            .ToLookup(r => (r.ModelSha256!, r.Node));
        var failed = records.Where(r => r.ScenarioKind == QualityKind && r.ModelSha256 is not null && !r.IsValid)
            .ToLookup(r => (r.ModelSha256!, r.Node));
        return records.Select(r => r.ScenarioKind == QualityKind ? r : Join(r, quality, failed)).ToList();
    }

    private static ResultRecord Join(ResultRecord speed, ILookup<(string, string), ResultRecord> quality, ILookup<(string, string), ResultRecord> failed)
    {
        if (speed.ModelSha256 is not { } sha)
            return speed with { QualityNote = "no model file: an endpoint's quality is not measured here" };
        var key = (sha, speed.Node);
        var valid = quality[key].Where(q => q.IsValid).ToList();
        if (valid.Count == 0)
        {
            var invalid = failed[key].FirstOrDefault();
            return speed with
            {
                QualityNote = invalid is null
                    ? $"no quality point of this file on {speed.Node} among these results: measure it with a quality scenario, or widen the filter"
                    : $"quality point {invalid.PointLabel} is INVALID: {string.Join("; ", invalid.VerdictReasons)}",
            };
        }
        var sameRun = valid.Where(q => q.RunId == speed.RunId).ToList();
        var pool = sameRun.Count > 0 ? sameRun : valid;
        var chosen = pool
            .OrderByDescending(q => q.Quality!.KlDivergenceMean ?? double.MinValue)
            .ThenByDescending(q => q.Quality!.Perplexity)
            .ThenBy(q => q.PointKey, StringComparer.Ordinal)
            .First();
        var note = pool.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"the worst of {pool.Count} quality points of this file on {speed.Node} (highest mean KL-divergence): {chosen.PointLabel}")
            : null;
        return speed with { Quality = chosen.Quality! with { Source = ResultQuality.Joined }, QualityNote = note };
    }
}
