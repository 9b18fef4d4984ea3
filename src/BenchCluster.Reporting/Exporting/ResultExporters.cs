namespace BenchCluster.Reporting.Exporting;

/// <summary>The exporter of each format: the CLI's --format and the HTTP API's format parameter pick from here.</summary>
public static class ResultExporters
{
    private static readonly IReadOnlyDictionary<OutputFormat, IResultExporter> ByFormat = new IResultExporter[]
    {
        new TableExporter(), new CsvExporter(), new JsonExporter(), new JsonLinesExporter(), new MarkdownExporter(),
    }.ToDictionary(e => e.Format);

    public static IResultExporter For(OutputFormat format) => ByFormat.TryGetValue(format, out var exporter)
        ? exporter
        : throw new ArgumentOutOfRangeException(nameof(format), format, "no exporter for this format");

    public static IReadOnlyCollection<OutputFormat> Formats => [.. ByFormat.Keys];
}
