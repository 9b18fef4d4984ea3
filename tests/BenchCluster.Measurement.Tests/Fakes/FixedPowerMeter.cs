using BenchCluster.Measurement.Cost;

namespace BenchCluster.Measurement.Tests.Fakes;

/// <summary>A power meter that always reads the same watts and counts its windows.</summary>
public sealed class FixedPowerMeter(double watts) : IPowerMeter
{
    public int Windows { get; private set; }

    public string Source => "fixed";

    public IPowerWindow Start()
    {
        Windows++;
        return new Window(watts);
    }

    private sealed class Window(double watts) : IPowerWindow
    {
        public double? Stop() => watts;

        public void Dispose()
        {
        }
    }
}
