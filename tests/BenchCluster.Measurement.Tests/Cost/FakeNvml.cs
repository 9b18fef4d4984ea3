using BenchCluster.Measurement.Cost.Nvml;

namespace BenchCluster.Measurement.Tests.Cost;

/// <summary>NVML as a test sets it up: devices with energy counters (mJ) the test moves, and statuses to fail with.</summary>
internal sealed class FakeNvml(params ulong[] millijoules) : INvml
{
    public ulong[] Millijoules { get; } = millijoules;
    public NvmlReturn InitStatus { get; init; } = NvmlReturn.Success;
    public NvmlReturn EnergyStatus { get; set; } = NvmlReturn.Success;
    public uint? ReportedCount { get; init; }
    public Exception? LoadFailure { get; init; }
    public int Shutdowns { get; private set; }

    public NvmlReturn Init() => LoadFailure is null ? InitStatus : throw LoadFailure;

    public NvmlReturn Shutdown()
    {
        Shutdowns++;
        return NvmlReturn.Success;
    }

    public NvmlReturn DeviceCount(out uint count)
    {
        count = ReportedCount ?? (uint)Millijoules.Length;
        return NvmlReturn.Success;
    }

    public NvmlReturn DeviceHandle(uint index, out nint device)
    {
        device = (nint)(index + 1);
        return NvmlReturn.Success;
    }

    public NvmlReturn TotalEnergy(nint device, out ulong millijoules)
    {
        millijoules = EnergyStatus == NvmlReturn.Success ? Millijoules[device - 1] : 0;
        return EnergyStatus;
    }

    public string Describe(NvmlReturn result) => $"fake {result}";
}
