using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Exporting;

/// <summary>JSON Lines: one compact <see cref="ResultRecord"/> per line, for streaming tools (jq, DuckDB, pandas).</summary>
public sealed class JsonLinesExporter : IResultExporter
{
    public OutputFormat Format => OutputFormat.Jsonl;

    public string ContentType => "application/x-ndjson; charset=utf-8";

    public Task WriteAsync(IReadOnlyList<ResultRecord> records, TextWriter output, CancellationToken cancellationToken = default) =>
        RowWriter.WriteJsonLinesAsync(records, output, cancellationToken);
}
