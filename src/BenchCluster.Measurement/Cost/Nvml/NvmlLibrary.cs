using System.Runtime.InteropServices;

namespace BenchCluster.Measurement.Cost.Nvml;

/// <summary>NVML through the driver's library (NvmlNative).</summary>
internal sealed class NvmlLibrary : INvml
{
    public static NvmlLibrary Instance { get; } = new();

    private NvmlLibrary()
    {
    }

    public NvmlReturn Init() => NvmlNative.Init();

    public NvmlReturn Shutdown() => NvmlNative.Shutdown();

    public NvmlReturn DeviceCount(out uint count) => NvmlNative.DeviceGetCount(out count);

    public NvmlReturn DeviceHandle(uint index, out nint device) => NvmlNative.DeviceGetHandleByIndex(index, out device);

    public NvmlReturn TotalEnergy(nint device, out ulong millijoules) => NvmlNative.DeviceGetTotalEnergyConsumption(device, out millijoules);

    public string Describe(NvmlReturn result)
    {
        var text = Marshal.PtrToStringUTF8(NvmlNative.ErrorString(result));
        return string.IsNullOrEmpty(text) ? $"NVML error {(int)result}" : $"{text} (NVML error {(int)result})";
    }
}
