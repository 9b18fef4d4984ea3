namespace BenchCluster.Reporting.Reports;

/// <summary>An extra section of a report (e.g. a comparison with a base run): its title and already-escaped HTML and Markdown.</summary>
public sealed record ReportSection(string Title, string Html, string Markdown);
