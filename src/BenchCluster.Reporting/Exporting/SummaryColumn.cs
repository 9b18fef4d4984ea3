namespace BenchCluster.Reporting.Exporting;

/// <summary>A column of the person-facing result tables (terminal and Markdown): a header and the formatted cell.</summary>
internal sealed record SummaryColumn(string Header, bool Numeric, Func<Records.ResultRecord, string> Text);
