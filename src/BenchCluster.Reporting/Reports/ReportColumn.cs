namespace BenchCluster.Reporting.Reports;

/// <summary>One column of a report table: its header (with unit) and how a row shows in it, as plain text.</summary>
public sealed record ReportColumn<T>(string Header, Func<T, string> Cell, bool Numeric = false);
