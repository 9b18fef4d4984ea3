using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>A live worker as the measurement layer's selectors and cost model see it.</summary>
public static class NodeDescriptions
{
    public static NodeDescription From(WorkerNode node) => new()
    {
        NodeName = node.NodeName,
        Device = string.Equals(node.DeviceKind, "gpu", StringComparison.OrdinalIgnoreCase) ? DeviceKind.Gpu : DeviceKind.Cpu,
        DeviceName = node.DeviceName,
        Cores = node.Cores,
        RamBytes = node.RamBytes,
        VramBytes = node.VramBytes,
        ModelSha256s = node.Models.Select(m => m.Sha256).ToList(),
        ModelFileNames = node.Models.Select(m => m.FileName).ToList(),
        PriceUsdPerHour = node.PriceUsdPerHour,
        Watts = node.Watts,
    };

    /// <summary>Nodes measure the same hardware when device kind and name, cores and RAM agree.</summary>
    public static bool SameHardware(WorkerNode a, WorkerNode b) =>
        a.DeviceKind == b.DeviceKind && a.DeviceName == b.DeviceName && a.Cores == b.Cores && a.RamBytes == b.RamBytes;
}
