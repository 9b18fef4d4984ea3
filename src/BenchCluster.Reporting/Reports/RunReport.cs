using BenchCluster.Reporting.Plots;

namespace BenchCluster.Reporting.Reports;

/// <summary>A built report: the self-contained HTML page, the Markdown summary, and the plots both show.</summary>
public sealed record RunReport(string Html, string Markdown, IReadOnlyList<PlotImage> Plots);
