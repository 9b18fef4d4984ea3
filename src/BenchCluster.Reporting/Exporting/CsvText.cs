using System.Globalization;
using System.Text;

namespace BenchCluster.Reporting.Exporting;

/// <summary>RFC 4180 CSV cells: invariant numbers at full precision, ISO 8601 times, an empty cell for null.</summary>
public static class CsvText
{
    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            double d when !double.IsFinite(d) => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return NeedsQuotes(text)
            ? new StringBuilder("\"").Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString()
            : text;
    }

    /// <summary>One record: the cells joined by commas, ended with CRLF as RFC 4180 asks.</summary>
    public static string Line(IEnumerable<object?> values) => string.Join(',', values.Select(Cell)) + "\r\n";

    // Leading or trailing spaces are quoted too, so spreadsheet imports that trim unquoted cells keep them.
    private static bool NeedsQuotes(string text) =>
        text.Length > 0 && (text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
}
