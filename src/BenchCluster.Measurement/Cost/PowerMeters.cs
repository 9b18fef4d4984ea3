namespace BenchCluster.Measurement.Cost;

/// <summary>Finds the power meters this machine exposes and sums them (CPU packages + GPUs).</summary>
public static class PowerMeters
{
    /// <summary>A meter over RAPL and nvidia-smi where readable; null when the machine exposes neither (typical in VMs).</summary>
    public static IPowerMeter? Detect()
    {
        var meters = new List<IPowerMeter>();
        if (RaplPowerReader.TryCreate() is { } rapl)
            meters.Add(rapl);
        if (NvidiaSmiPowerReader.TryCreate() is { } gpu)
            meters.Add(gpu);
        return meters.Count switch
        {
            0 => null,
            1 => meters[0],
            _ => new SumMeter(meters),
        };
    }

    private sealed class SumMeter(IReadOnlyList<IPowerMeter> meters) : IPowerMeter
    {
        public string Source { get; } = string.Join('+', meters.Select(m => m.Source));

        public IPowerWindow Start() => new SumWindow(meters.Select(m => m.Start()).ToList());
    }

    private sealed class SumWindow(IReadOnlyList<IPowerWindow> windows) : IPowerWindow
    {
        public double? Stop()
        {
            var readings = windows.Select(w => w.Stop()).ToList();
            return readings.Any(r => r is null) ? null : readings.Sum();
        }

        public void Dispose()
        {
            foreach (var window in windows)
                window.Dispose();
        }
    }
}
