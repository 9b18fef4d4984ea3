using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Exporting;

/// <summary>Writes result records in one format. One implementation per format; the CLI and the HTTP API share them.</summary>
public interface IResultExporter
{
    OutputFormat Format { get; }

    /// <summary>The HTTP content type of the output, e.g. "text/csv; charset=utf-8".</summary>
    string ContentType { get; }

    /// <summary>Writes every record; an empty list writes the format's empty form (an empty JSON array, a CSV header).</summary>
    Task WriteAsync(IReadOnlyList<ResultRecord> records, TextWriter output, CancellationToken cancellationToken = default);
}
