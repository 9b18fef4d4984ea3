using System.Text.Json;

namespace BenchCluster.Reporting.Comparing.Writing;

/// <summary>Writes a <see cref="ComparisonReport"/> as a terminal table, JSON (camelCase) or a Markdown section for a pull request.</summary>
public static class ComparisonWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(ComparisonReport report, ComparisonFormat format, TextWriter output, CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case ComparisonFormat.Json:
                await output.WriteLineAsync(JsonSerializer.Serialize(report, Json).AsMemory(), cancellationToken);
                break;
            case ComparisonFormat.Markdown:
                await ComparisonMarkdown.WriteAsync(report, output, cancellationToken);
                break;
            default:
                await ComparisonTable.WriteAsync(report, output, cancellationToken);
                break;
        }
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>The JSON options the comparison is written with, for the HTTP API to answer the same shape.</summary>
    public static JsonSerializerOptions JsonOptions => Json;
}
