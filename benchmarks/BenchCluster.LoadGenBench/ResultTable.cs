using System.Globalization;
using System.Text;

namespace BenchCluster.LoadGenBench;

/// <summary>The results as a Markdown table, ready for docs/performance.md.</summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<RateResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| requested req/s | achieved req/s | error % | requests | failed | send lag p50 / p99 / max ms | tokens | token delay p50 / p99 / max ms |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.RequestedRate:0} | {r.AchievedRate:0.0} | {r.RateErrorPercent:+0.00;-0.00;0.00} | {r.Requests} | {r.Failed} | "
                + $"{Format(r.SendLagMs)} | {r.Tokens} | {Format(r.TokenDelayMs)} |");
        }
        return text.ToString();
    }

    private static string Format(Distribution d) => string.Create(CultureInfo.InvariantCulture, $"{d.P50:0.000} / {d.P99:0.000} / {d.Max:0.000}");
}
