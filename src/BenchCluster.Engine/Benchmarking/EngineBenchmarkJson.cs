using System.Text.Json;
using System.Text.Json.Serialization;

namespace BenchCluster.Engine.Benchmarking;

/// <summary>Writes and reads engine benchmark results as a JSON array, the shape of llama-bench's <c>-o json</c>.</summary>
public static class EngineBenchmarkJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(IReadOnlyList<EngineBenchmarkRecord> records) => JsonSerializer.Serialize(records, Options);

    public static IReadOnlyList<EngineBenchmarkRecord> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<EngineBenchmarkRecord>>(json, Options)
        ?? throw new JsonException("The engine benchmark JSON holds no array of records.");
}
