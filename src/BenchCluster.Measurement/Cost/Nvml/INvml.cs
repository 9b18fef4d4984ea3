namespace BenchCluster.Measurement.Cost.Nvml;

/// <summary>The NVML calls the energy reader makes; the driver library in production, a fake in tests.</summary>
internal interface INvml
{
    NvmlReturn Init();

    NvmlReturn Shutdown();

    NvmlReturn DeviceCount(out uint count);

    NvmlReturn DeviceHandle(uint index, out nint device);

    NvmlReturn TotalEnergy(nint device, out ulong millijoules);

    string Describe(NvmlReturn result);
}
