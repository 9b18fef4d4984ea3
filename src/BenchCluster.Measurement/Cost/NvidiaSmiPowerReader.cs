using System.Globalization;

namespace BenchCluster.Measurement.Cost;

/// <summary>GPU board power from nvidia-smi (power.draw, summed over GPUs), sampled in the background during a window.</summary>
public sealed class NvidiaSmiPowerReader : IPowerMeter
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(500);

    private NvidiaSmiPowerReader()
    {
    }

    public string Source => "nvidia-smi";

    public IReadOnlyList<string> Notes => [];

    /// <summary>A reader when nvidia-smi reports power for every GPU; else why not.</summary>
    public static PowerMeterProbe Probe() => ReadWatts() is null
        ? PowerMeterProbe.Missing("nvidia-smi: no power.draw for every GPU (no tool, no GPU, or a GPU without a power sensor)")
        : PowerMeterProbe.Found(new NvidiaSmiPowerReader());

    public IPowerWindow Start() => new Window();

    private static double? ReadWatts()
    {
        var rows = NvidiaSmi.Query("power.draw");
        var watts = rows.Select(r => double.TryParse(r[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : (double?)null).ToList();
        return watts.Count == 0 || watts.Any(w => w is null) ? null : watts.Sum();
    }

    private sealed class Window : IPowerWindow
    {
        private readonly List<double> _samples = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampler;

        public Window() => _sampler = Task.Run(SampleAsync);

        public PowerReading Stop()
        {
            _stop.Cancel();
            _sampler.Wait();
            lock (_samples)
            {
                if (_samples.Count == 0 && ReadWatts() is { } last)
                    _samples.Add(last);
                return _samples.Count == 0
                    ? PowerReading.Failed("nvidia-smi: no power.draw sample during the window")
                    : PowerReading.Of(_samples.Average());
            }
        }

        public void Dispose()
        {
            if (!_stop.IsCancellationRequested)
                Stop();
            _stop.Dispose();
        }

        private async Task SampleAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                if (ReadWatts() is { } watts)
                {
                    lock (_samples)
                        _samples.Add(watts);
                }
                try
                {
                    await Task.Delay(SampleInterval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
