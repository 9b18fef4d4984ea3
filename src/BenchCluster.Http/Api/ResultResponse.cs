using System.Text.Json;
using BenchCluster.Reporting.Exporting;
using BenchCluster.Reporting.Records;
using Microsoft.AspNetCore.Http;

namespace BenchCluster.Http.Api;

/// <summary>
/// Writes result records in the format the query asks for (<c>?format=json|jsonl|csv|markdown</c>). JSON and JSON
/// Lines are built in; the other formats use the <see cref="IResultExporter"/> services registered for them.
/// </summary>
public sealed class ResultResponse(IEnumerable<IResultExporter> exporters)
{
    private readonly Dictionary<OutputFormat, IResultExporter> _exporters = exporters.ToDictionary(e => e.Format);

    public bool TryFormat(string? text, out OutputFormat format, out IResult? error)
    {
        error = null;
        format = OutputFormat.Json;
        if (string.IsNullOrEmpty(text))
            return true;
        var known = Enum.TryParse(text, ignoreCase: true, out format) && format != OutputFormat.Table && Enum.IsDefined(format) && !text.Any(char.IsDigit);
        if (known && (format is OutputFormat.Json or OutputFormat.Jsonl || _exporters.ContainsKey(format)))
            return true;
        var available = string.Join(", ", Available());
        error = ApiErrors.BadRequest(known ? $"format '{text}' is not available on this server" : $"format '{RouteValues.Shorten(text)}' is not known", "format", $"pass ?format= one of: {available}");
        return false;
    }

    public async Task WriteAsync(HttpResponse response, IReadOnlyList<ResultRecord> records, OutputFormat format, CancellationToken cancellationToken)
    {
        if (_exporters.TryGetValue(format, out var exporter))
        {
            response.ContentType = exporter.ContentType;
            await using var writer = new StreamWriter(response.Body, leaveOpen: true);
            await exporter.WriteAsync(records, writer, cancellationToken);
            return;
        }
        if (format == OutputFormat.Jsonl)
        {
            response.ContentType = "application/x-ndjson; charset=utf-8";
            foreach (var record in records)
            {
                await JsonSerializer.SerializeAsync(response.Body, record, ApiJson.Options, cancellationToken);
                await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }
            return;
        }
        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, records, ApiJson.Options, cancellationToken);
    }

    private IEnumerable<string> Available() =>
        new[] { OutputFormat.Json, OutputFormat.Jsonl }.Concat(_exporters.Keys).Where(f => f != OutputFormat.Table).Distinct().Select(f => f.ToString().ToLowerInvariant());
}
