namespace BenchCluster.Reporting.Comparing.Writing;

/// <summary>A plain-text table, columns padded to their widest cell, for a terminal or a CI log.</summary>
internal static class ComparisonTable
{
    private static readonly string[] Header = ["point", "node", "base", "new", "ratio", "change", "test", "p", "confidence", "verdict"];

    public static async Task WriteAsync(ComparisonReport report, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"base: {ComparisonText.Run(report.Base)}".AsMemory(), cancellationToken);
        await output.WriteLineAsync($"new:  {ComparisonText.Run(report.New)}".AsMemory(), cancellationToken);
        var rows = report.Points.Select(p => new[]
        {
            p.PointLabel, p.Node, ComparisonText.Throughput(p.BaseMean), ComparisonText.Throughput(p.NewMean), ComparisonText.Ratio(p.Ratio),
            ComparisonText.Change(p.ChangePercent), p.Test ?? "—", ComparisonText.PValue(p.PValue), ComparisonText.Confidence(p.Confidence),
            ComparisonText.Verdict(p) + (p.Note is null ? "" : $" ({p.Note})"),
        }).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).AsMemory(), cancellationToken);
        foreach (var point in report.Points.Where(p => p.Latency.Any(l => l.IsWorse)))
            await output.WriteLineAsync($"latency worse, {point.PointLabel} on {point.Node}: {string.Join("; ", point.Latency.Where(l => l.IsWorse).Select(ComparisonText.Latency))}".AsMemory(), cancellationToken);
        foreach (var point in report.Points.Where(p => p.Quality.Count > 0 || p.QualityNote is not null))
            await output.WriteLineAsync($"quality, {point.PointLabel} on {point.Node}: {QualityLine(point)}".AsMemory(), cancellationToken);
        foreach (var point in report.OnlyInBase)
            await output.WriteLineAsync($"only in base: {point.PointLabel} on {point.Node}".AsMemory(), cancellationToken);
        foreach (var point in report.OnlyInNew)
            await output.WriteLineAsync($"only in new:  {point.PointLabel} on {point.Node}".AsMemory(), cancellationToken);
        await output.WriteLineAsync(ComparisonText.Summary(report).AsMemory(), cancellationToken);
    }

    internal static string QualityLine(PointComparison point) =>
        string.Join("; ", point.Quality.Select(q => (q.IsWorse ? "WORSE " : q.IsBetter ? "better " : "") + ComparisonText.Quality(q))
            .Concat(point.QualityNote is null ? [] : [point.QualityNote]));
}
