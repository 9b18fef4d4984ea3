using System.Text.Json;

namespace BenchCluster.Reporting.LlamaBench;

/// <summary>The parts of a result's stored provenance (its first repetition) that llama-bench reports.</summary>
internal sealed record LlamaBenchProvenance
{
    public string? ModelDescription { get; init; }
    public long? TensorBytes { get; init; }
    public long? Parameters { get; init; }
    public int? Threads { get; init; }
    public int? BatchSize { get; init; }
    public int? MicroBatchSize { get; init; }
    public int? Poll { get; init; }
    public string? KvType { get; init; }
    public string? FlashAttention { get; init; }
    public string? EngineVersion { get; init; }
    public IReadOnlyList<string> Devices { get; init; } = [];
    public string? Cpu { get; init; }
    public DateTimeOffset? Started { get; init; }

    public static LlamaBenchProvenance Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            if (!document.RootElement.TryGetProperty("repetitions", out var reps) || reps.ValueKind != JsonValueKind.Array || reps.GetArrayLength() == 0)
                return new LlamaBenchProvenance();
            var first = reps[0];
            return new LlamaBenchProvenance
            {
                ModelDescription = Text(first, "model", "description"),
                TensorBytes = Long(first, "model", "tensorSizeBytes"),
                Parameters = Long(first, "model", "parameterCount"),
                Threads = (int?)Long(first, "session", "threads"),
                BatchSize = (int?)Long(first, "session", "batchSize"),
                MicroBatchSize = (int?)Long(first, "session", "microBatchSize"),
                Poll = (int?)Long(first, "session", "poll"),
                KvType = Text(first, "session", "kvCacheType"),
                FlashAttention = Text(first, "session", "flashAttention"),
                EngineVersion = Text(first, "engine", "version"),
                Devices = Find(first, "engine", "devices") is { ValueKind: JsonValueKind.Array } devices
                    ? devices.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!).ToList()
                    : [],
                Cpu = Text(first, "machine", "cpuModel"),
                Started = Find(first, "startedUtc") is { ValueKind: JsonValueKind.String } started && started.TryGetDateTimeOffset(out var at) ? at : null,
            };
        }
        catch (JsonException)
        {
            return new LlamaBenchProvenance();
        }
    }

    private static JsonElement? Find(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return null;
        }
        return element;
    }

    private static string? Text(JsonElement element, params string[] path) =>
        Find(element, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static long? Long(JsonElement element, params string[] path) =>
        Find(element, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;
}
