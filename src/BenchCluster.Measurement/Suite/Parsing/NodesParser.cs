namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads <c>nodes:</c>, the node selectors (a node runs the suite when any selector matches it).</summary>
internal static class NodesParser
{
    private static readonly string[] Fields = ["device", "name", "min_vram_gb", "min_ram_gb"];

    public static readonly IReadOnlyDictionary<string, DeviceKind> Devices = new Dictionary<string, DeviceKind>
    {
        ["cpu"] = DeviceKind.Cpu,
        ["gpu"] = DeviceKind.Gpu,
    };

    public static List<NodeSelector> Parse(YamlMap root)
    {
        var selectors = new List<NodeSelector>();
        foreach (var (node, path) in root.Items("nodes") ?? [])
        {
            if (YamlMap.Open(node, path, root.Values, Fields) is not { } map)
                continue;
            DeviceKind? device = null;
            if (map.Get("device") is { } deviceNode && !string.Equals((deviceNode as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value, "any", StringComparison.OrdinalIgnoreCase))
                device = map.Values.Choice(deviceNode, map.Child("device"), Devices);
            selectors.Add(new NodeSelector
            {
                Device = device,
                NamePattern = map.String("name"),
                MinVramGb = map.Double("min_vram_gb", min: 0),
                MinRamGb = map.Double("min_ram_gb", min: 0),
            });
        }
        return selectors;
    }
}
