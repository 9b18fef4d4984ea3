using System.Globalization;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Exporting;

/// <summary>
/// The columns a person reads in the terminal table and the Markdown table: identity, tokens/s ± sd, repetitions and
/// cost always; TTFT/TPOT percentiles, error rate and goodput only when some row has them, so a micro-benchmark run
/// stays narrow. The verdict is added by each format (it numbers the reasons).
/// </summary>
internal static class ResultSummaryColumns
{
    public static IReadOnlyList<SummaryColumn> For(IReadOnlyList<ResultRecord> records)
    {
        var columns = new List<SummaryColumn>
        {
            new("model", false, r => r.Model + (r.IsSynthetic == true ? "*" : "")),
            new("quant", false, r => r.Quantization ?? ""),
            new("node", false, r => r.Node),
            new("scenario", false, r => r.Scenario),
            new("settings", false, Settings),
            new("t/s", true, r => Number(r.TokensPerSecond)),
            new("± sd", true, r => Number(r.TokensPerSecondStdDev)),
            new("reps", true, r => r.Repetitions.ToString(CultureInfo.InvariantCulture)),
        };
        if (records.Any(r => r.TtftMs is not null))
        {
            columns.Add(new("TTFT p50 ms", true, r => Number(r.TtftMs?.P50)));
            columns.Add(new("TTFT p99 ms", true, r => Number(r.TtftMs?.P99)));
        }
        if (records.Any(r => r.TpotMs is not null))
        {
            columns.Add(new("TPOT p50 ms", true, r => Number(r.TpotMs?.P50)));
            columns.Add(new("TPOT p99 ms", true, r => Number(r.TpotMs?.P99)));
        }
        if (records.Any(r => r.TtfoMs is not null))
        {
            columns.Add(new("TTFO p50 ms", true, r => Number(r.TtfoMs?.P50)));
            columns.Add(new("TTFO p99 ms", true, r => Number(r.TtfoMs?.P99)));
            columns.Add(new("reasoning tok", true, r => Number(r.ReasoningTokensMean)));
        }
        if (records.Any(r => r.ErrorRate is not null))
            columns.Add(new("errors", true, r => r.ErrorRate is { } e ? (e * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : ""));
        if (records.Any(r => r.Goodput is not null))
            columns.Add(new("goodput req/s", true, r => Number(r.Goodput)));
        columns.Add(new("$/1M tok", true, Cost));
        if (records.Any(r => r.Quality is not null))
        {
            columns.Add(new("PPL ± err", true, r => r.Quality is { } q ? $"{Figure(q.Perplexity)} ± {Figure(q.PerplexityError)}" : ""));
            columns.Add(new("KLD mean", true, r => r.Quality?.KlDivergenceMean is { } k ? Figure(k) : ""));
            columns.Add(new("top-1", true, r => r.Quality?.Top1Agreement is { } t ? Percent(t) : ""));
        }
        if (records.Any(r => r.Energy?.Watts is not null))
        {
            columns.Add(new("power", true, r => r.Energy?.DescribePower() ?? ""));
            columns.Add(new("J/out tok", true, r => r.Energy?.JoulesPerOutputToken is { } j && double.IsFinite(j) ? j.ToString("G3", CultureInfo.InvariantCulture) : ""));
        }
        return columns;
    }

    /// <summary>The footnote under a table with synthetic models; it says what their quality figures are when they have any.</summary>
    public static string? SyntheticNote(IReadOnlyList<ResultRecord> records) =>
        !records.Any(r => r.IsSynthetic == true || r.Quality?.IsSynthetic == true) ? null
        : records.Any(r => r.Quality?.IsSynthetic == true)
            ? "* synthetic model: real shape and quantization, random weights (speed and cost are real, output text is not; PPL, KLD and top-1 are the numerical fidelity of random weights, not a model's quality)"
            : "* synthetic model: real shape and quantization, random weights (speed and cost are real, output text is not)";

    /// <summary>The settings that were set, e.g. "threads=2 batch=512 conc=4".</summary>
    public static string Settings(ResultRecord r)
    {
        var s = r.Settings;
        var parts = new List<string>();
        if (s.Threads is { } t) parts.Add($"threads={t}");
        if (s.BatchSize is { } b) parts.Add($"batch={b}");
        if (s.MicroBatchSize is { } u) parts.Add($"ubatch={u}");
        if (s.GpuLayers is { } g) parts.Add($"ngl={g}");
        if (s.KvType is { } kv) parts.Add($"kv={kv}");
        if (s.FlashAttention is { } fa) parts.Add($"fa={fa}");
        if (s.Depth > 0) parts.Add($"depth={s.Depth}");
        if (s.Concurrency is { } c) parts.Add($"conc={c}");
        if (s.Rate is { } rate) parts.Add(string.Create(CultureInfo.InvariantCulture, $"rate={rate}"));
        return string.Join(' ', parts);
    }

    /// <summary>A verdict's reasons in one line, for the numbered notes under a table.</summary>
    public static string Note(ResultRecord r) =>
        $"{r.Model} {r.Scenario} {Settings(r)} on {r.Node}: {string.Join("; ", r.VerdictReasons)}";

    /// <summary>The per-token price a result can give: blended 3:1 when it has both, else output (tg) or input (pp), else per workload.</summary>
    private static string Cost(ResultRecord r) =>
        r.Cost.UsdPerMTokBlended is { } blended ? $"{Usd(blended)} blend"
        : r.Cost.UsdPerMTokOutput is { } output ? $"{Usd(output)} out"
        : r.Cost.UsdPerMTokInput is { } input ? $"{Usd(input)} in"
        : r.Cost.UsdPerMTokWorkload is { } workload ? $"{Usd(workload)} mix"
        : "";

    private static string Usd(double value) => value.ToString(value < 1 ? "0.####" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>Four significant digits: KL-divergences of good quantizations are small (0.00x) and perplexities large.</summary>
    private static string Figure(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "";

    private static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "";

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";
}
