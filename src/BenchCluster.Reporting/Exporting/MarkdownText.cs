namespace BenchCluster.Reporting.Exporting;

/// <summary>Cells of a GitHub-flavoured Markdown table: a pipe or a line break in a value must not split the row.</summary>
public static class MarkdownText
{
    public static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r\n", " ", StringComparison.Ordinal)
        .Replace('\n', ' ')
        .Replace('\r', ' ');

    /// <summary>A table row: | a | b |.</summary>
    public static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(Cell)) + " |";

    /// <summary>The header row and its separator; right-aligned columns get "---:".</summary>
    public static string Header(IReadOnlyList<string> headers, IReadOnlyList<bool> rightAligned) =>
        Row(headers) + "\n|" + string.Join("|", rightAligned.Select(r => r ? " ---: " : " --- ")) + "|";
}
