using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Exporting;

/// <summary>CSV for spreadsheets and scripts: a header, then one row per result with every field in its own column.</summary>
public sealed class CsvExporter : IResultExporter
{
    public OutputFormat Format => OutputFormat.Csv;

    public string ContentType => "text/csv; charset=utf-8";

    public Task WriteAsync(IReadOnlyList<ResultRecord> records, TextWriter output, CancellationToken cancellationToken = default) =>
        RowWriter.WriteCsvAsync(ResultCsvColumns.All, records, output, cancellationToken);
}
