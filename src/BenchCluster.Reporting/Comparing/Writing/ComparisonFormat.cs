namespace BenchCluster.Reporting.Comparing.Writing;

/// <summary>How a comparison is written: for a terminal, for a tool, or for a pull request.</summary>
public enum ComparisonFormat
{
    Table,
    Json,
    Markdown,
}
