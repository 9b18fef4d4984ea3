namespace BenchCluster.Reporting.Reports;

/// <summary>
/// An extra section of a report (e.g. a comparison with a base run): its anchor id (e.g. "comparison", a link target
/// for the web page), its title, and its already-escaped HTML and Markdown.
/// </summary>
public sealed record ReportSection(string Id, string Title, string Html, string Markdown);
