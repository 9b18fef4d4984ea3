namespace BenchCluster.Reporting.Comparing.Writing;

/// <summary>A GitHub-flavoured Markdown section for a pull request: summary first, then every point, regressions in bold.</summary>
internal static class ComparisonMarkdown
{
    public static async Task WriteAsync(ComparisonReport report, TextWriter output, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            report.HasRegressions ? $"### ❌ {report.Regressions} performance regression(s)" : "### ✅ No performance regression",
            "",
            $"- base: {Cell(ComparisonText.Run(report.Base))}",
            $"- new: {Cell(ComparisonText.Run(report.New))}",
            $"- {Cell(ComparisonText.Summary(report))}",
            "",
            "| point | node | base | new | ratio | change | p | confidence | verdict |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
        };
        foreach (var p in report.Points)
        {
            var verdict = p.IsRegression ? "**REGRESSION**" : p.Verdict.ToString();
            if (p.Note is not null)
                verdict += $" ({p.Note})";
            lines.Add($"| {Cell(p.PointLabel)} | {Cell(p.Node)} | {ComparisonText.Throughput(p.BaseMean)} | {ComparisonText.Throughput(p.NewMean)} | " +
                      $"{ComparisonText.Ratio(p.Ratio)} | {ComparisonText.Change(p.ChangePercent)} | {ComparisonText.PValue(p.PValue)} | " +
                      $"{ComparisonText.Confidence(p.Confidence)} | {Cell(verdict)} |");
        }
        var worse = report.Points.Where(p => p.Latency.Any(l => l.IsWorse)).ToList();
        if (worse.Count > 0)
        {
            lines.Add("");
            lines.Add("Latency worse than the threshold (pooled percentiles, no test of significance):");
            lines.AddRange(worse.Select(p => $"- {Cell(p.PointLabel)} on {Cell(p.Node)}: {Cell(string.Join("; ", p.Latency.Where(l => l.IsWorse).Select(ComparisonText.Latency)))}"));
        }
        var scored = report.Points.Where(p => p.Quality.Count > 0 || p.QualityNote is not null).ToList();
        if (scored.Count > 0)
        {
            lines.Add("");
            lines.Add("Quality points (higher perplexity or KL-divergence, lower top-1 or accuracy is worse; standard errors, no repetitions):");
            lines.AddRange(scored.Select(p => $"- {Cell(p.PointLabel)} on {Cell(p.Node)}: {Cell(ComparisonTable.QualityLine(p))}"));
        }
        if (report.OnlyInBase.Count + report.OnlyInNew.Count > 0)
        {
            lines.Add("");
            lines.Add("Unmatched points (settings, model file or node differ):");
            lines.AddRange(report.OnlyInBase.Select(p => $"- only in base: {Cell(p.PointLabel)} on {Cell(p.Node)}"));
            lines.AddRange(report.OnlyInNew.Select(p => $"- only in new: {Cell(p.PointLabel)} on {Cell(p.Node)}"));
        }
        foreach (var line in lines)
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
    }

    /// <summary>Names come from suites (hostile): a pipe or a newline would break the table.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
