using System.Globalization;
using System.Text.Json;
using BenchCluster.Reporting.Comparing.Writing;

namespace BenchCluster.Reporting.Selecting;

/// <summary>Writes a <see cref="BestReport"/>: per scenario the answer, then the rows that prove it (frontier marked).</summary>
public static class BestWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(BestReport report, ComparisonFormat format, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (format == ComparisonFormat.Json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, Json).AsMemory(), cancellationToken);
            await output.FlushAsync(cancellationToken);
            return;
        }
        var markdown = format == ComparisonFormat.Markdown;
        var quality = report.Quality.HasBounds || report.Groups.Any(g => g.Rows.Any(r => r.Result.Quality is not null));
        var bounds = report.Quality.HasBounds ? $", quality {report.Quality}" : "";
        var lines = new List<string> { $"{(markdown ? "### " : "")}best by {report.Objective.ToString().ToLowerInvariant()}, SLO {report.Slo}{bounds}, run {report.RunId}" };
        foreach (var group in report.Groups)
        {
            lines.Add("");
            var answer = group.Best is { } best ? $"{best.Result.PointLabel} on {best.Result.Node}" : "none";
            lines.Add($"{(markdown ? "#### " : "")}{group.Scenario} ({group.ScenarioKind}): best = {answer}");
            if (group.Message is not null)
                lines.Add($"{(markdown ? "> " : "  ")}{group.Message}");
            lines.Add($"{(markdown ? "" : "  ")}frontier over {(group.FrontierAxes.Count == 0 ? "no axis" : string.Join(" × ", group.FrontierAxes))}; * = on the frontier");
            if (markdown)
                lines.Add("");
            var table = group.Rows.Select(r => Cells(r, group, quality)).Prepend(Headers(quality)).ToList();
            lines.AddRange(markdown ? MarkdownTable(table, quality) : TextTable(table));
        }
        foreach (var line in lines)
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static string[] Headers(bool quality) => quality
        ? ["configuration", "node", "tokens/s", "$/1M tok", "latency ms", "KLD", "Δppl", "top-1 %", "status"]
        : ["configuration", "node", "tokens/s", "$/1M tok", "latency ms", "status"];

    private static string[] Cells(BestRow r, BestGroup group, bool quality)
    {
        var status = ReferenceEquals(r, group.Best) ? "best" : r.IsCandidate ? r.LostBecause ?? "candidate" : string.Join("; ", r.Excluded);
        string[] speed =
        [
            (ReferenceEquals(r, group.Best) ? "→ " : "") + (r.OnFrontier ? "* " : "") + r.Result.PointLabel, r.Result.Node,
            Number(r.TokensPerSecond, "0.0"), Number(r.UsdPerMTok, "0.0000"), Number(r.LatencyMs, "0.0"),
        ];
        if (!quality)
            return [.. speed, status];
        var synthetic = r.Result.Quality?.IsSynthetic == true ? " (random weights)" : "";
        return [.. speed, Number(r.KlDivergence, "G4") + synthetic, Number(r.DeltaPerplexity, "G4"), Number(r.Top1Agreement * 100, "0.0"), status];
    }

    private static IEnumerable<string> TextTable(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        return rows.Select(row => "  " + string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
    }

    private static IEnumerable<string> MarkdownTable(List<string[]> rows, bool quality) =>
        rows.Take(1).Select(Line).Append(quality ? "|---|---|---:|---:|---:|---:|---:|---:|---|" : "|---|---|---:|---:|---:|---|").Concat(rows.Skip(1).Select(Line));

    private static string Line(string[] cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "unknown";
}
