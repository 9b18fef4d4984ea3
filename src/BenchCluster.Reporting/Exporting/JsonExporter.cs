using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Exporting;

/// <summary>One indented JSON array of results; every field of <see cref="ResultRecord"/>, null where unknown.</summary>
public sealed class JsonExporter : IResultExporter
{
    public OutputFormat Format => OutputFormat.Json;

    public string ContentType => "application/json; charset=utf-8";

    public Task WriteAsync(IReadOnlyList<ResultRecord> records, TextWriter output, CancellationToken cancellationToken = default) =>
        RowWriter.WriteJsonAsync(records, output, cancellationToken);
}
