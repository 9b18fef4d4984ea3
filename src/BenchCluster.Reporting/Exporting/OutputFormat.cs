namespace BenchCluster.Reporting.Exporting;

/// <summary>The formats every listing command and the HTTP API write; stdout carries only the chosen one.</summary>
public enum OutputFormat
{
    /// <summary>A table for a person at a terminal.</summary>
    Table,
    Csv,
    /// <summary>One JSON document (an array of records).</summary>
    Json,
    /// <summary>JSON Lines: one record per line.</summary>
    Jsonl,
    /// <summary>A GitHub-flavoured Markdown table, for pull requests and reports.</summary>
    Markdown,
}
