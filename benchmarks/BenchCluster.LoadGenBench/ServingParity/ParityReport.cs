using System.Globalization;
using System.Text;
using BenchCluster.Measurement.Statistics;

namespace BenchCluster.LoadGenBench.ServingParity;

/// <summary>
/// The comparison as Markdown: per concurrency, output t/s of each server (median over rounds) and the median of the
/// rounds' serve / llama-server ratios (each round's pair ran back to back, so the ratio cancels slow drifts of the
/// machine), then TTFT and TPOT p50 / p99 over every measured request of every round.
/// </summary>
internal static class ParityReport
{
    public const string Serve = "serve";
    public const string LlamaServer = "llama-server";

    public static string Render(IReadOnlyList<RunResult> runs, ParitySettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{settings.Rounds} interleaved rounds, {settings.Requests} requests per level and round, prompts {settings.PromptTokens} tokens, {settings.OutputTokens} output tokens, {settings.Slots} slots of {settings.ContextPerSlot}, {settings.Threads} threads");
        text.AppendLine();
        text.AppendLine("| concurrency | output t/s serve / llama-server | ratio per round | TTFT p50 / p99 ms, serve vs llama-server | TTFT p50 / p99 ratio | TPOT p50 / p99 ms, serve vs llama-server | TPOT p50 / p99 ratio |");
        text.AppendLine("|---:|---|---|---|---|---|---|");
        foreach (var concurrency in settings.Concurrency)
        {
            var ours = runs.Where(r => r.Concurrency == concurrency && r.Server == Serve).ToList();
            var theirs = runs.Where(r => r.Concurrency == concurrency && r.Server == LlamaServer).ToList();
            var ratios = ours.Zip(theirs, (a, b) => a.OutputTokensPerSecond / b.OutputTokensPerSecond).ToList();
            var (ttftOurs, ttftTheirs) = (Percentiles(ours, r => r.TtftMs), Percentiles(theirs, r => r.TtftMs));
            var (tpotOurs, tpotTheirs) = (Percentiles(ours, r => r.TpotMs), Percentiles(theirs, r => r.TpotMs));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {concurrency} | {Median(ours.Select(r => r.OutputTokensPerSecond)):0.00} / {Median(theirs.Select(r => r.OutputTokensPerSecond)):0.00} = **{Median(ratios):0.000}** "
                + $"| {string.Join(", ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))} "
                + $"| {ttftOurs.P50:0} / {ttftOurs.P99:0} vs {ttftTheirs.P50:0} / {ttftTheirs.P99:0} | {ttftOurs.P50 / ttftTheirs.P50:0.000} / {ttftOurs.P99 / ttftTheirs.P99:0.000} "
                + $"| {tpotOurs.P50:0.0} / {tpotOurs.P99:0.0} vs {tpotTheirs.P50:0.0} / {tpotTheirs.P99:0.0} | {tpotOurs.P50 / tpotTheirs.P50:0.000} / {tpotOurs.P99 / tpotTheirs.P99:0.000} |");
        }
        text.AppendLine();
        text.AppendLine("Targets (issue 11): output t/s ratio >= 0.98; TTFT and TPOT p50 ratios <= 1.03, p99 ratios <= 1.10. "
            + "p99 of fewer than 100 requests is close to their maximum: read it as the tail's size, not a stable figure.");
        return text.ToString();
    }

    private static (double P50, double P99) Percentiles(IEnumerable<RunResult> runs, Func<RunResult, IReadOnlyList<double>> values)
    {
        var pooled = runs.SelectMany(values).ToList();
        return pooled.Count == 0 ? (double.NaN, double.NaN) : (StatisticsCalculator.Quantile(pooled, 0.50), StatisticsCalculator.Quantile(pooled, 0.99));
    }

    private static double Median(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : StatisticsCalculator.Quantile(list, 0.50);
    }
}
