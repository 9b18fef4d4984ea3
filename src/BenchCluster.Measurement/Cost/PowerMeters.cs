using BenchCluster.Measurement.Cost.Nvml;

namespace BenchCluster.Measurement.Cost;

/// <summary>
/// Finds the power meters this machine exposes and sums them: CPU packages from RAPL, GPUs from NVML's energy counter,
/// or from nvidia-smi power.draw sampling where NVML has no counter. Why a part is not read goes into the meter's notes.
/// </summary>
public static class PowerMeters
{
    private static readonly Lazy<IPowerMeter> Machine = new(() => Detect(RaplPowerReader.Probe(), NvmlEnergyReader.Probe, NvidiaSmiPowerReader.Probe));

    /// <summary>This machine's meter, probed once per process (NVML stays initialized, nvidia-smi is not asked again).</summary>
    public static IPowerMeter ForThisMachine => Machine.Value;

    /// <summary>
    /// A meter over what the probes found. A GPU is read by NVML when it can be; nvidia-smi is asked only when NVML
    /// cannot (sampling a tool every 500 ms costs the measured work a process start each time). A machine with no
    /// meter gets one that reads nothing and says why.
    /// </summary>
    public static IPowerMeter Detect(PowerMeterProbe cpu, Func<PowerMeterProbe> nvml, Func<PowerMeterProbe> nvidiaSmi)
    {
        var meters = new List<IPowerMeter>();
        var notes = new List<string>();
        Add(cpu, meters, notes);
        var gpu = nvml();
        if (gpu.Meter is null)
        {
            var fallback = nvidiaSmi();
            if (fallback.Meter is not null)
                notes.Add($"{gpu.Unavailable}; GPU power from nvidia-smi power.draw sampled every {NvidiaSmiPowerReader.SampleInterval.TotalMilliseconds:0} ms instead");
            else
                notes.Add(gpu.Unavailable!);
            gpu = fallback.Meter is null ? PowerMeterProbe.Missing(fallback.Unavailable!) : fallback;
        }
        if (gpu.Meter is not null)
            meters.Add(gpu.Meter);
        return meters.Count == 0 ? new NoPowerMeter(notes) : new SumMeter(meters, notes);
    }

    private static void Add(PowerMeterProbe probe, List<IPowerMeter> meters, List<string> notes)
    {
        if (probe.Meter is not null)
            meters.Add(probe.Meter);
        else
            notes.Add(probe.Unavailable!);
    }

    private sealed class SumMeter(IReadOnlyList<IPowerMeter> meters, IReadOnlyList<string> notes) : IPowerMeter
    {
        public string Source { get; } = string.Join('+', meters.Select(m => m.Source));

        public IReadOnlyList<string> Notes { get; } = [.. notes, .. meters.SelectMany(m => m.Notes)];

        public IPowerWindow Start() => new SumWindow(meters.Select(m => m.Start()).ToList());
    }

    /// <summary>A reading is the sum of every part; one failed part fails it, since the rest would under-count the node.</summary>
    private sealed class SumWindow(IReadOnlyList<IPowerWindow> windows) : IPowerWindow
    {
        public PowerReading Stop()
        {
            var readings = windows.Select(w => w.Stop()).ToList();
            var failures = readings.Where(r => r.Watts is null).Select(r => r.Failure ?? "a power reading failed").ToList();
            return failures.Count > 0 ? PowerReading.Failed(string.Join("; ", failures)) : PowerReading.Of(readings.Sum(r => r.Watts!.Value));
        }

        public void Dispose()
        {
            foreach (var window in windows)
                window.Dispose();
        }
    }

    private sealed class NoPowerMeter(IReadOnlyList<string> notes) : IPowerMeter
    {
        public string Source => "none";

        public IReadOnlyList<string> Notes => notes;

        public IPowerWindow Start() => new NoWindow();

        private sealed class NoWindow : IPowerWindow
        {
            /// <summary>Nothing to read and no new failure: the meter's notes already say why.</summary>
            public PowerReading Stop() => new();

            public void Dispose()
            {
            }
        }
    }
}
