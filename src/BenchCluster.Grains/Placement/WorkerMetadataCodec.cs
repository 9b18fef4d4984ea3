using System.Globalization;
using System.Text.Json;
using BenchCluster.Contracts.Nodes;

namespace BenchCluster.Grains.Placement;

/// <summary>Writes a worker's capabilities into silo metadata (strings only) and reads them back.</summary>
public static class WorkerMetadataCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Dictionary<string, string> Encode(WorkerNode node) => new()
    {
        [SiloMetadataKeys.Role] = SiloMetadataKeys.WorkerRole,
        [SiloMetadataKeys.Node] = node.NodeName,
        [SiloMetadataKeys.DeviceKind] = node.DeviceKind,
        [SiloMetadataKeys.DeviceName] = node.DeviceName,
        [SiloMetadataKeys.CpuModel] = node.CpuModel,
        [SiloMetadataKeys.Cores] = node.Cores.ToString(CultureInfo.InvariantCulture),
        [SiloMetadataKeys.RamBytes] = node.RamBytes.ToString(CultureInfo.InvariantCulture),
        [SiloMetadataKeys.VramBytes] = node.VramBytes.ToString(CultureInfo.InvariantCulture),
        [SiloMetadataKeys.PriceUsdPerHour] = node.PriceUsdPerHour.ToString("R", CultureInfo.InvariantCulture),
        [SiloMetadataKeys.Watts] = node.Watts.ToString("R", CultureInfo.InvariantCulture),
        [SiloMetadataKeys.Models] = JsonSerializer.Serialize(node.Models, Json),
        [SiloMetadataKeys.ApiKeyVariables] = string.Join(',', node.ApiKeyVariables),
    };

    /// <summary>The worker described by a silo's metadata, or null when the silo is not a worker.</summary>
    public static WorkerNode? Decode(IReadOnlyDictionary<string, string> metadata, string siloAddress)
    {
        if (!metadata.TryGetValue(SiloMetadataKeys.Role, out var role) || role != SiloMetadataKeys.WorkerRole)
            return null;
        string Get(string key) => metadata.TryGetValue(key, out var value) ? value : "";
        long GetLong(string key) => long.TryParse(Get(key), CultureInfo.InvariantCulture, out var v) ? v : 0;
        double GetDouble(string key) => double.TryParse(Get(key), CultureInfo.InvariantCulture, out var v) ? v : 0;

        return new WorkerNode(
            Get(SiloMetadataKeys.Node),
            siloAddress,
            Get(SiloMetadataKeys.DeviceKind),
            Get(SiloMetadataKeys.DeviceName),
            Get(SiloMetadataKeys.CpuModel),
            (int)GetLong(SiloMetadataKeys.Cores),
            GetLong(SiloMetadataKeys.RamBytes),
            GetLong(SiloMetadataKeys.VramBytes),
            GetDouble(SiloMetadataKeys.PriceUsdPerHour),
            GetDouble(SiloMetadataKeys.Watts),
            DecodeModels(Get(SiloMetadataKeys.Models)))
        {
            ApiKeyVariables = Get(SiloMetadataKeys.ApiKeyVariables).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }

    public static bool HoldsModel(IReadOnlyDictionary<string, string> metadata, string sha256) =>
        metadata.TryGetValue(SiloMetadataKeys.Models, out var json)
        && DecodeModels(json).Any(m => string.Equals(m.Sha256, sha256, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<HeldModel> DecodeModels(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<HeldModel>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
