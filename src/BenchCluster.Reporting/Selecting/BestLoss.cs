using System.Globalization;

namespace BenchCluster.Reporting.Selecting;

/// <summary>
/// Why a candidate lost to the best, in the objective's terms first, then the tie-breaker that decided: the proof rows
/// of `best` say it so nobody has to compare the columns by eye.
/// </summary>
internal static class BestLoss
{
    public static string Why(BestRow row, BestRow best, BestObjective objective) => objective switch
    {
        BestObjective.Cost => Cost(row, best) ?? Speed(row, best) ?? Tie,
        BestObjective.Latency => Latency(row, best) ?? Speed(row, best) ?? Tie,
        BestObjective.Quality => Quality(row, best) ?? Cost(row, best) ?? Speed(row, best) ?? Tie,
        _ => Speed(row, best) ?? Cost(row, best) ?? Tie,
    };

    private const string Tie = "tied with the best on every axis; listed after it";

    private static string? Cost(BestRow row, BestRow best) =>
        row.UsdPerMTok is not { } usd ? (best.UsdPerMTok is null ? null : "unpriced: its cost is unknown, never ranked as free")
        : best.UsdPerMTok is not { } bestUsd || usd <= bestUsd ? null
        : Text($"dearer: {usd:0.0000} > {bestUsd:0.0000} $/1M tok");

    private static string? Speed(BestRow row, BestRow best) =>
        row.TokensPerSecond is { } tps && best.TokensPerSecond is { } bestTps && tps < bestTps
            ? Text($"slower: {tps:0.0} < {bestTps:0.0} tokens/s")
            : null;

    private static string? Latency(BestRow row, BestRow best) =>
        row.LatencyMs is not { } ms ? "latency not measured"
        : best.LatencyMs is { } bestMs && ms > bestMs ? Text($"slower to answer: {ms:0.0} > {bestMs:0.0} ms") : null;

    private static string? Quality(BestRow row, BestRow best)
    {
        if (best.KlDivergence is { } bestKld)
            return row.KlDivergence is not { } kld ? "KLD not measured" : kld > bestKld ? Text($"higher KLD: {kld:G4} > {bestKld:G4}") : null;
        return row.Result.Quality?.Perplexity is { } ppl && best.Result.Quality?.Perplexity is { } bestPpl && ppl > bestPpl
            ? Text($"higher perplexity: {ppl:G5} > {bestPpl:G5}")
            : row.Result.Quality is null ? "no quality measured" : null;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
