using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads a <c>parameters:</c> mapping: each field is a value or a list of values (cross-multiplied).</summary>
internal static class ParametersParser
{
    public static readonly string[] Fields = ["threads", "batch", "ubatch", "gpu_layers", "kv_type", "flash_attn", "depth", "concurrency", "rate"];

    public static readonly IReadOnlyDictionary<string, KvCacheType> KvTypes = new Dictionary<string, KvCacheType>
    {
        ["f16"] = KvCacheType.F16, ["f32"] = KvCacheType.F32, ["bf16"] = KvCacheType.BF16, ["q8_0"] = KvCacheType.Q8_0,
        ["q4_0"] = KvCacheType.Q4_0, ["q4_1"] = KvCacheType.Q4_1, ["q5_0"] = KvCacheType.Q5_0, ["q5_1"] = KvCacheType.Q5_1,
    };

    public static readonly IReadOnlyDictionary<string, FlashAttentionMode> FlashModes = new Dictionary<string, FlashAttentionMode>
    {
        ["auto"] = FlashAttentionMode.Auto, ["on"] = FlashAttentionMode.Enabled, ["off"] = FlashAttentionMode.Disabled,
        ["true"] = FlashAttentionMode.Enabled, ["false"] = FlashAttentionMode.Disabled,
    };

    public static ParameterGrid Parse(YamlMap map) => new()
    {
        Threads = Ints(map, "threads", 1),
        BatchSize = Ints(map, "batch", 1),
        MicroBatchSize = Ints(map, "ubatch", 1),
        GpuLayers = Ints(map, "gpu_layers", -1),
        KvType = Choices(map, "kv_type", KvTypes),
        FlashAttention = Choices(map, "flash_attn", FlashModes),
        Depth = Ints(map, "depth", 0, SuiteLimits.MaxTokens),
        Concurrency = Ints(map, "concurrency", 1, SuiteLimits.MaxConcurrency),
        Rate = List(map, "rate", (node, path) => map.Values.Double(node, path, 0, SuiteLimits.MaxRatePerSecond, exclusiveMin: true)),
    };

    private static IReadOnlyList<int>? Ints(YamlMap map, string key, int min, int max = int.MaxValue) =>
        List(map, key, (node, path) => map.Values.Int(node, path, min, max));

    private static IReadOnlyList<T>? Choices<T>(YamlMap map, string key, IReadOnlyDictionary<string, T> allowed)
        where T : struct =>
        List(map, key, (node, path) => map.Values.Choice(node, path, allowed));

    private static IReadOnlyList<T>? List<T>(YamlMap map, string key, Func<YamlDotNet.RepresentationModel.YamlNode, string, T?> read)
        where T : struct
    {
        if (map.Items(key, allowScalar: true) is not { } items)
            return null;
        if (items.Count == 0)
        {
            map.Values.Errors.Add(map.Get(key)!, map.Child(key), "the list is empty; give at least one value or remove the field");
            return null;
        }
        var values = new List<T>();
        // A set, not List.Contains: a hostile list of 100,000 values would cost 5·10⁹ comparisons.
        var seen = new HashSet<T>();
        foreach (var (node, path) in items)
        {
            if (read(node, path) is { } value)
            {
                if (!seen.Add(value))
                    map.Values.Errors.Add(node, path, $"{value} is listed twice; each value makes its own matrix points");
                else
                    values.Add(value);
            }
        }
        return values;
    }
}
