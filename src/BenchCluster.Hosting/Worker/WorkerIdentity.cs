using BenchCluster.Grains.Worker;
using BenchCluster.Contracts.Nodes;

namespace BenchCluster.Hosting.Worker;

/// <summary>Builds the node description a worker advertises from its options, the machine, and its model catalog.</summary>
public static class WorkerIdentity
{
    public static WorkerNode Describe(WorkerOptions options, MachineInfo machine, ModelCatalog catalog)
    {
        var isGpu = options.DeviceKind == "gpu";
        var deviceName = isGpu && machine.Gpus.Count > 0 ? machine.Gpus[0].Name : machine.CpuModel;
        return new WorkerNode(
            options.NodeName,
            SiloAddress: "",
            options.DeviceKind,
            deviceName,
            machine.CpuModel,
            machine.Cores,
            machine.RamBytes,
            machine.VramBytes,
            options.PriceUsdPerHour,
            options.Watts,
            catalog.Models.Select(m => m.Model).ToList())
        {
            ApiKeyVariables = options.ApiKeyVariables.Names,
        };
    }
}
