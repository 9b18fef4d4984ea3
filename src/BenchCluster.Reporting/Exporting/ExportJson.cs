using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BenchCluster.Reporting.Exporting;

/// <summary>
/// The JSON of every export: web defaults (camelCase), enums as camelCase names, nulls written so that unknown reads as
/// unknown rather than being left out, non-finite numbers as null.
/// </summary>
public static class ExportJson
{
    /// <summary>For one document a person may read.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>For JSON Lines and the HTTP API: one value per line.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Exports are files and API bodies, not HTML: "CV 22 % > 10 %" stays readable instead of \u003E.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new FiniteDoubleConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
