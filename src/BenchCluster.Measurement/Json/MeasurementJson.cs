using System.Text.Json;
using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Json;

/// <summary>
/// The System.Text.Json settings measurement records cross grain and process boundaries with
/// (JobSpec in <c>JobAssignment.JobSpecJson</c>, JobMeasurement from an engine child process).
/// </summary>
public static class MeasurementJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"The JSON text is null where a {typeof(T).Name} was expected.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
        };
        // Engine enums (KvCacheType, FlashAttentionMode, SamplingMode) carry no converter attribute of their own.
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
