using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Cost.Nvml;

/// <summary>
/// GPU power from NVML's energy counter (nvmlDeviceGetTotalEnergyConsumption, mJ since the driver loaded), read for
/// every GPU at the start and end of a window: W = ΣΔE / Δt. Two reads per window and no sampling thread, so it
/// costs the measured work nothing. NVML stays initialized for the life of the process (its handles are valid until
/// nvmlShutdown); a probe that fails shuts it down again.
/// </summary>
public sealed class NvmlEnergyReader : IPowerMeter
{
    /// <summary>More GPUs than any node has; a larger count from the driver is refused rather than allocated.</summary>
    public const int MaxDevices = 64;
    private const double MillijoulesPerJoule = 1e3;

    private readonly INvml _nvml;
    private readonly IReadOnlyList<nint> _devices;
    private readonly Func<long> _clock;

    private NvmlEnergyReader(INvml nvml, IReadOnlyList<nint> devices, Func<long> clock)
    {
        _nvml = nvml;
        _devices = devices;
        _clock = clock;
    }

    public string Source => "nvml";

    public IReadOnlyList<string> Notes => [];

    /// <summary>The driver's NVML: a reader when every GPU has an energy counter, else why not.</summary>
    public static PowerMeterProbe Probe() => Probe(NvmlLibrary.Instance, MonotonicClock.NowNs);

    internal static PowerMeterProbe Probe(INvml nvml, Func<long> clock)
    {
        try
        {
            var init = nvml.Init();
            if (init != NvmlReturn.Success)
                return PowerMeterProbe.Missing($"nvml: nvmlInit_v2 failed: {nvml.Describe(init)}; is the NVIDIA driver loaded (nvidia-smi)?");
            var found = Devices(nvml, out var devices);
            if (found is not null)
            {
                nvml.Shutdown();
                return PowerMeterProbe.Missing(found);
            }
            return PowerMeterProbe.Found(new NvmlEnergyReader(nvml, devices, clock));
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            return PowerMeterProbe.Missing(
                $"nvml: {NvmlNative.Library} could not be loaded ({ex.GetType().Name}): no NVIDIA driver on this node; GPU energy is not read from NVML");
        }
        catch (EntryPointNotFoundException ex)
        {
            return PowerMeterProbe.Missing($"nvml: {NvmlNative.Library} lacks an entry point ({ex.Message}): the NVIDIA driver is older than NVML's v2 calls; update it");
        }
    }

    public IPowerWindow Start()
    {
        var (start, problem) = Read();
        return new Window(this, start, problem, _clock());
    }

    /// <summary>Null when every device answered; else the reason, with <paramref name="devices"/> empty.</summary>
    private static string? Devices(INvml nvml, out IReadOnlyList<nint> devices)
    {
        devices = [];
        var status = nvml.DeviceCount(out var count);
        if (status != NvmlReturn.Success)
            return $"nvml: nvmlDeviceGetCount_v2 failed: {nvml.Describe(status)}";
        if (count == 0)
            return "nvml: the driver reports no GPU";
        if (count > MaxDevices)
            return $"nvml: the driver reports {count} GPUs, more than the {MaxDevices} this reader accepts";
        var handles = new List<nint>((int)count);
        for (var i = 0u; i < count; i++)
        {
            status = nvml.DeviceHandle(i, out var device);
            if (status != NvmlReturn.Success)
                return $"nvml: nvmlDeviceGetHandleByIndex_v2({i}) failed: {nvml.Describe(status)}";
            status = nvml.TotalEnergy(device, out _);
            if (status == NvmlReturn.NotSupported)
                return $"nvml: GPU {i} has no energy counter (nvmlDeviceGetTotalEnergyConsumption needs Volta or newer)";
            if (status != NvmlReturn.Success)
                return $"nvml: nvmlDeviceGetTotalEnergyConsumption on GPU {i} failed: {nvml.Describe(status)}";
            handles.Add(device);
        }
        devices = handles;
        return null;
    }

    /// <summary>Millijoules summed over the GPUs, or why a GPU did not answer.</summary>
    private (ulong[]? Millijoules, string? Problem) Read()
    {
        var values = new ulong[_devices.Count];
        for (var i = 0; i < _devices.Count; i++)
        {
            var status = _nvml.TotalEnergy(_devices[i], out values[i]);
            if (status != NvmlReturn.Success)
                return (null, $"nvml: nvmlDeviceGetTotalEnergyConsumption on GPU {i} failed: {_nvml.Describe(status)}");
        }
        return (values, null);
    }

    private sealed class Window(NvmlEnergyReader reader, ulong[]? start, string? startProblem, long startNs) : IPowerWindow
    {
        public PowerReading Stop()
        {
            var (end, endProblem) = reader.Read();
            var elapsedNs = reader._clock() - startNs;
            var seconds = TimeUnits.ToSeconds(elapsedNs);
            if (start is null || end is null)
                return PowerReading.Failed(startProblem ?? endProblem!);
            if (seconds <= 0)
                return PowerReading.Failed("nvml: the window had no length");
            var millijoules = 0.0;
            for (var i = 0; i < start.Length; i++)
            {
                // A 64-bit millijoule counter does not wrap; going back means the driver was reloaded during the window.
                if (end[i] < start[i])
                    return PowerReading.Failed($"nvml: GPU {i}'s energy counter went back from {start[i]} to {end[i]} mJ (driver reloaded during the window)");
                millijoules += end[i] - start[i];
            }
            // The driver updates the counter periodically; a window shorter than that reads no energy, which is not 0 W.
            return millijoules > 0
                ? PowerReading.Of(millijoules / MillijoulesPerJoule / seconds)
                : PowerReading.Failed($"nvml: the energy counters did not move in the {TimeUnits.ToMilliseconds(elapsedNs):0.#} ms window (shorter than the driver's update period)");
        }

        public void Dispose()
        {
        }
    }
}
