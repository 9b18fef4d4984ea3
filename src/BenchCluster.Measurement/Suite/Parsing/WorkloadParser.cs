namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads <c>workload:</c>: prompt and output length distributions and the prompt set.</summary>
internal static class WorkloadParser
{
    public static readonly string[] Fields = ["prompt_tokens", "output_tokens", "prompt_set", "dataset", "conversation", "shared_prefix", "sampling"];
    private static readonly string[] SamplingFields = ["temperature", "top_k"];
    private static readonly string[] DistributionFields = ["distribution", "value", "mean", "stddev", "min", "max"];
    private static readonly string[] PromptSets = ["bundled"];

    private static readonly IReadOnlyDictionary<string, DistributionKind> Kinds = new Dictionary<string, DistributionKind>
    {
        ["fixed"] = DistributionKind.Fixed,
        ["uniform"] = DistributionKind.Uniform,
        ["normal"] = DistributionKind.Normal,
    };

    public static WorkloadSpec Parse(YamlMap map, WorkloadSpec defaults)
    {
        var promptSet = map.String("prompt_set");
        if (promptSet is not null && !PromptSets.Contains(promptSet))
            map.Values.Errors.Add(map.Get("prompt_set")!, map.Child("prompt_set"), $"'{promptSet}' is not a prompt set" + DidYouMean.Hint(promptSet, PromptSets));
        var workload = new WorkloadSpec
        {
            PromptTokens = Distribution(map, "prompt_tokens", 1) ?? defaults.PromptTokens,
            OutputTokens = Distribution(map, "output_tokens", 1) ?? defaults.OutputTokens,
            PromptSet = promptSet ?? defaults.PromptSet,
            Dataset = map.Map("dataset", DatasetParser.Fields) is { } dataset ? DatasetParser.Parse(dataset) : defaults.Dataset,
            Conversation = ConversationParser.Conversation(map, defaults.Conversation),
            SharedPrefix = ConversationParser.SharedPrefix(map, defaults.SharedPrefix),
            Sampling = map.Map("sampling", SamplingFields) is { } sampling ? Sampling(sampling) : defaults.Sampling,
        };
        ConversationParser.Check(map, workload);
        return workload;
    }

    /// <summary><c>sampling: {temperature, top_k}</c>; a temperature of 0 is greedy, the default, so it is refused as a no-op.</summary>
    private static SamplingSpec? Sampling(YamlMap map)
    {
        var temperature = map.Double("temperature", 0, SamplingSpec.MaxTemperature, required: true,
            hint: "e.g. 0.8; leave sampling out for greedy decoding");
        var topK = map.Int("top_k", 1, SamplingSpec.MaxTopK);
        if (temperature is 0 && map.Get("temperature") is { } node)
            map.Values.Errors.Add(node, map.Child("temperature"), "temperature 0 is greedy decoding, the default: leave sampling out, or give a temperature above 0");
        return temperature is > 0 ? new SamplingSpec { Temperature = temperature.Value, TopK = topK ?? 40 } : null;
    }

    /// <summary>A number (fixed length) or a mapping {distribution: fixed|uniform|normal, ...}, each value in [lowest, highest].</summary>
    internal static LengthDistribution? Distribution(YamlMap parent, string key, int lowest, int highest = SuiteLimits.MaxTokens)
    {
        if (parent.Get(key) is not { } node)
            return null;
        var path = parent.Child(key);
        if (node is YamlDotNet.RepresentationModel.YamlScalarNode)
            return parent.Values.Int(node, path, lowest, highest) is { } fixedLength ? LengthDistribution.Fixed(fixedLength) : null;
        if (YamlMap.Open(node, path, parent.Values, DistributionFields) is not { } map)
            return null;
        var kind = map.Choice("distribution", Kinds, required: true);
        var min = map.Int("min", lowest, highest) ?? lowest;
        var max = map.Int("max", lowest, highest) ?? (highest == SuiteLimits.MaxTokens ? int.MaxValue : highest);
        if (min > max)
            map.Values.Errors.Add(map.Get("max")!, map.Child("max"), $"max {max} is below min {min}");
        switch (kind)
        {
            case DistributionKind.Fixed:
                return map.Int("value", lowest, highest, required: true, hint: "the fixed length in tokens") is { } value ? LengthDistribution.Fixed(value) : null;
            case DistributionKind.Uniform:
                if (!map.Has("min") || !map.Has("max"))
                    map.Missing(!map.Has("min") ? "min" : "max", "a uniform distribution needs min and max");
                return new LengthDistribution { Kind = DistributionKind.Uniform, Min = min, Max = max, Mean = (min + (double)max) / 2 };
            case DistributionKind.Normal:
                var mean = map.Double("mean", lowest, highest, required: true, hint: "the mean length in tokens");
                var stddev = map.Double("stddev", 0, required: true, hint: "the standard deviation in tokens (0 = fixed)");
                return mean is null || stddev is null ? null
                    : new LengthDistribution { Kind = DistributionKind.Normal, Mean = mean.Value, StdDev = stddev.Value, Min = min, Max = max };
            default:
                return null;
        }
    }
}
