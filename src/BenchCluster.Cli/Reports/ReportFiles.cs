using BenchCluster.Reporting.Reports;

namespace BenchCluster.Cli.Reports;

/// <summary>Writes a built report to a folder: report.html, report.md, and plots/NAME.svg and NAME.png for each plot.</summary>
internal static class ReportFiles
{
    public const string PlotFolder = "plots";

    /// <summary>The paths written, the HTML page first.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunReport report, string directory, CancellationToken cancellationToken)
    {
        var plots = Path.Combine(directory, PlotFolder);
        Directory.CreateDirectory(plots);
        var html = Path.Combine(directory, "report.html");
        var markdown = Path.Combine(directory, "report.md");
        await File.WriteAllTextAsync(html, report.Html, cancellationToken);
        await File.WriteAllTextAsync(markdown, report.Markdown, cancellationToken);
        var written = new List<string> { html, markdown };
        foreach (var plot in report.Plots)
        {
            var svg = Path.Combine(plots, plot.Name + ".svg");
            var png = Path.Combine(plots, plot.Name + ".png");
            await File.WriteAllTextAsync(svg, plot.Svg, cancellationToken);
            await File.WriteAllBytesAsync(png, plot.Png, cancellationToken);
            written.Add(svg);
            written.Add(png);
        }
        return written;
    }
}
