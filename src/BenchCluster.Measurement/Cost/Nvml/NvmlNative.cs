using System.Runtime.InteropServices;

namespace BenchCluster.Measurement.Cost.Nvml;

/// <summary>
/// The five NVML entry points the energy reader needs, from the driver's libnvidia-ml.so.1 (nvml.h). Loaded on first
/// call: on a node without the NVIDIA driver the first call throws DllNotFoundException, which NvmlLibrary turns
/// into a reason.
/// </summary>
internal static partial class NvmlNative
{
    public const string Library = "libnvidia-ml.so.1";

    [LibraryImport(Library, EntryPoint = "nvmlInit_v2")]
    public static partial NvmlReturn Init();

    [LibraryImport(Library, EntryPoint = "nvmlShutdown")]
    public static partial NvmlReturn Shutdown();

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetCount_v2")]
    public static partial NvmlReturn DeviceGetCount(out uint count);

    /// <summary>Device handles are owned by NVML and valid until nvmlShutdown; nothing to release per handle.</summary>
    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetHandleByIndex_v2")]
    public static partial NvmlReturn DeviceGetHandleByIndex(uint index, out nint device);

    /// <summary>Millijoules since the driver was last loaded (Volta and newer; NotSupported before).</summary>
    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetTotalEnergyConsumption")]
    public static partial NvmlReturn DeviceGetTotalEnergyConsumption(nint device, out ulong millijoules);

    [LibraryImport(Library, EntryPoint = "nvmlErrorString")]
    public static partial nint ErrorString(NvmlReturn result);
}
