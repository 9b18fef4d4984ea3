namespace BenchCluster.Reporting.Exporting;

/// <summary>The flat formats any row type can be written in, given its columns.</summary>
internal static class RowWriter
{
    public static async Task WriteCsvAsync<T>(IReadOnlyList<Column<T>> columns, IEnumerable<T> rows, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(CsvText.Line(columns.Select(c => (object?)c.Name)).AsMemory(), cancellationToken);
        foreach (var row in rows)
            await output.WriteAsync(CsvText.Line(columns.Select(c => c.Value(row))).AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public static async Task WriteJsonLinesAsync<T>(IEnumerable<T> rows, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
            await output.WriteAsync((System.Text.Json.JsonSerializer.Serialize(row, ExportJson.Compact) + "\n").AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public static async Task WriteJsonAsync<T>(IReadOnlyList<T> rows, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync((System.Text.Json.JsonSerializer.Serialize(rows, ExportJson.Indented) + "\n").AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
