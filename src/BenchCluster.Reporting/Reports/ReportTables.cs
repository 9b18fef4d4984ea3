using System.Globalization;
using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Reports;

/// <summary>
/// The report's tables as plain text cells, shared by the HTML and the Markdown writers (each escapes for its own
/// format). A value that does not apply or is unknown shows as "–", never as 0.
/// </summary>
public static class ReportTables
{
    public const string Missing = "–";

    public static readonly IReadOnlyList<ReportColumn<ResultRecord>> Results =
    [
        new("model", r => r.Model),
        new("quant", r => r.Quantization ?? Missing),
        new("scenario", r => r.Scenario),
        new("settings", Settings),
        new("node", r => r.Node),
        new("verdict", r => r.Verdict),
        new("tokens/s ± sd", r => r.TokensPerSecond is { } t ? $"{Number(t)} ± {Number(r.TokensPerSecondStdDev)}" : Missing, Numeric: true),
        new("reps", r => r.RepetitionsExpected is { } e ? $"{r.Repetitions}/{e}" : r.Repetitions.ToString(CultureInfo.InvariantCulture), Numeric: true),
        new("TTFT p50/p99 (ms)", r => Pair(r.TtftMs?.P50, r.TtftMs?.P99), Numeric: true),
        new("TPOT p50/p99 (ms)", r => Pair(r.TpotMs?.P50, r.TpotMs?.P99), Numeric: true),
        new("error rate", r => r.ErrorRate is { } e ? e.ToString("0.0%", CultureInfo.InvariantCulture) : Missing, Numeric: true),
        new("goodput (req/s)", r => Number(r.Goodput), Numeric: true),
        new("$/1M tok", r => Number(CostThroughputPlot.UsdPerMTok(r)), Numeric: true),
        new("J/token", r => Number(r.Energy?.JoulesPerToken), Numeric: true),
        new("J/output token", r => Number(r.Energy?.JoulesPerOutputToken), Numeric: true),
        new("power", r => r.Energy?.DescribePower() is { Length: > 0 } power ? power : Missing),
    ];

    /// <summary>Perplexity, KL-divergence and top-1 of the result's model file, shown when some result has quality.</summary>
    public static readonly IReadOnlyList<ReportColumn<ResultRecord>> Quality =
    [
        new("PPL ± se", r => r.Quality is { } q ? $"{Figure(q.Perplexity)} ± {Figure(q.PerplexityError)}" : Missing, Numeric: true),
        new("KLD mean ± se", r => r.Quality?.KlDivergenceMean is { } k ? $"{Figure(k)} ± {Figure(r.Quality.KlDivergenceMeanError)}" : Missing, Numeric: true),
        new("KLD p99", r => Figure(r.Quality?.KlDivergenceP99), Numeric: true),
        new("top-1", r => r.Quality?.Top1Agreement is { } t ? t.ToString("0.0%", CultureInfo.InvariantCulture) : Missing, Numeric: true),
        new("quality from", r => r.Quality is { } q
            ? (q.Source == ResultQuality.Joined ? q.SourcePointLabel : "this point") + (q.IsSynthetic ? " (random weights)" : "")
            : r.QualityNote ?? Missing),
    ];

    /// <summary>The results table's columns: the quality columns join when some result has quality.</summary>
    public static IReadOnlyList<ReportColumn<ResultRecord>> ResultColumns(IReadOnlyList<ResultRecord> records) =>
        records.Any(r => r.Quality is not null) ? [.. Results, .. Quality] : Results;

    /// <summary>Results in reading order: by scenario, then model, quantization, settings and node.</summary>
    public static IReadOnlyList<ResultRecord> Ordered(IReadOnlyList<ResultRecord> records) =>
        records.OrderBy(r => r.Scenario, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.Quantization, StringComparer.Ordinal).ThenBy(r => r.PointLabel, StringComparer.Ordinal)
            .ThenBy(r => r.Node, StringComparer.Ordinal).ToList();

    /// <summary>Why each INVALID result is invalid, and the warnings of the rest: (result, text) rows.</summary>
    public static IEnumerable<(string Point, string Verdict, string Why)> Reasons(IReadOnlyList<ResultRecord> records) =>
        Ordered(records).Where(r => r.VerdictReasons.Count > 0 || r.VerdictWarnings.Count > 0)
            .Select(r => (PointLabels.Of(r), r.Verdict, string.Join("; ", r.VerdictReasons.Concat(r.VerdictWarnings.Select(w => "warning: " + w)))));

    /// <summary>Run metadata and provenance as (name, value) rows.</summary>
    public static IReadOnlyList<(string Name, string Value)> Metadata(ReportInput input)
    {
        var run = input.Run;
        var records = input.Records;
        var nodes = records.Select(r => r.Node).Concat(records.SelectMany(r => r.Provenance.NodesThatRan)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return
        [
            ("suite", run.SuiteName),
            ("run", run.RunId.ToString()),
            ("status", $"{run.Status.ToString().ToLowerInvariant()}: {run.SucceededJobs}/{run.TotalJobs} jobs succeeded, {run.FailedJobs} failed, {run.CancelledJobs} cancelled, {run.Retries} retries"),
            ("submitted by", run.SubmittedBy),
            ("submitted", Time(run.SubmittedAt)),
            ("started", run.StartedAt is { } s ? Time(s) : Missing),
            ("finished", run.FinishedAt is { } f ? Time(f) + (run.StartedAt is { } st ? $" ({(f - st).TotalSeconds:0} s)" : "") : Missing),
            ("nodes", Join(nodes)),
            ("devices", Join(records.Select(r => r.DeviceName ?? r.DeviceKind))),
            ("cpu", Join(records.Select(r => r.Provenance.Cpu))),
            ("engine build", Join(records.Select(r => r.Provenance.Engine))),
            ("backend", Join(records.Select(r => r.Provenance.Backend))),
            ("BenchCluster version", Join(records.Select(r => r.Provenance.BenchClusterVersion is { } v
                ? v + (r.Provenance.BenchClusterCommit is { } c ? $" ({c})" : "") : null))),
            ("results", $"{records.Count}: {records.Count(r => r.IsValid)} VALID, {records.Count(r => !r.IsValid)} INVALID"),
            ("report made", Time(input.GeneratedAt)),
        ];
    }

    public static string Number(double? value) => value switch
    {
        null => Missing,
        { } v when !double.IsFinite(v) => Missing,
        { } v when Math.Abs(v) >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 1 => v.ToString("0.0#", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>Four significant digits: a good quantization's KL-divergence is 0.00x, a perplexity in the tens.</summary>
    private static string Figure(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : Missing;

    private static string Pair(double? a, double? b) => a is null && b is null ? Missing : $"{Number(a)} / {Number(b)}";

    private static string Settings(ResultRecord r)
    {
        var s = r.Settings;
        var parts = new List<string>();
        if (s.Threads is { } t) parts.Add($"threads={t}");
        if (s.BatchSize is { } b) parts.Add($"batch={b}");
        if (s.MicroBatchSize is { } u) parts.Add($"ubatch={u}");
        if (s.GpuLayers is { } g) parts.Add($"gpu_layers={g}");
        if (s.KvType is { } k) parts.Add($"kv={k}");
        if (s.FlashAttention is { } fa) parts.Add($"fa={fa}");
        if (s.Depth != 0) parts.Add($"depth={s.Depth}");
        if (s.Concurrency is { } c) parts.Add($"concurrency={c}");
        if (s.Rate is { } rate) parts.Add($"rate={rate.ToString(CultureInfo.InvariantCulture)}");
        return parts.Count == 0 ? Missing : string.Join(", ", parts);
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<string?> values)
    {
        var distinct = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? Missing : string.Join(", ", distinct);
    }
}
