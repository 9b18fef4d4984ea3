using BenchCluster.Contracts.Nodes;
using BenchCluster.Reporting.Exporting;

namespace BenchCluster.Cli.Output.Listings;

/// <summary>`nodes`: the live workers as each advertises itself (JSON carries the whole record, its models included).</summary>
internal static class NodeListing
{
    private const double BytesPerGib = 1073741824.0;

    public static RowExporter<WorkerNode> Exporter { get; } = new(
    [
        new("node", "node", w => w.NodeName),
        new("device_kind", "device", w => w.DeviceKind),
        new("device_name", "device name", w => w.DeviceName),
        new("cpu_model", "cpu", w => w.CpuModel) { Detail = true },
        new("cores", "cores", w => w.Cores),
        new("ram_gib", "RAM GiB", w => Math.Round(w.RamBytes / BytesPerGib, 1)),
        new("vram_gib", "VRAM GiB", w => Math.Round(w.VramBytes / BytesPerGib, 1)),
        new("usd_per_hour", "$/hour", w => w.PriceUsdPerHour),
        new("watts", "watts", w => w.Watts),
        new("models", "models", w => w.Models.Count),
        new("silo", "silo", w => w.SiloAddress),
    ]);
}
